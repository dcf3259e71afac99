package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.InFlightHandle;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.BatchCodec;
import io.checkpointstudio.engine.record.RecordBatch;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A subtask fed by an input gate: takes batches and events from its channels until every upstream
 * subtask has ended, tracking one event-time watermark per channel (the minimum goes downstream) and
 * handing barriers to its {@link BarrierHandler}.
 */
final class StreamSubtask extends Subtask {
    private static final long MAX_WAIT_NANOS = 50_000_000L;

    private final InputGate gate;
    private final long[] channelWatermarks;
    private final BarrierHandler barriers;
    private final List<RecordBatch> restoredInFlight = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;

    StreamSubtask(JobAttempt attempt, TaskVertex vertex, int index, InputGate gate, List<EdgeWriter> edgeWriters,
                  TaskMetrics taskMetrics) throws Exception {
        super(attempt, vertex, index, edgeWriters, taskMetrics);
        this.gate = gate;
        this.channelWatermarks = new long[gate.channelCount()];
        Arrays.fill(channelWatermarks, Long.MIN_VALUE);
        this.barriers = new BarrierHandler(this, gate, attempt.exactlyOnce());
    }

    @Override
    protected void wake() {
        gate.mailPosted();
    }

    @Override
    protected void restoreInFlight(SnapshotRestore snapshot) throws Exception {
        InFlightHandle handle = snapshot.inFlight(vertex.head().id(), index, vertex.parallelism());
        if (handle == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(snapshot.dir().resolve(handle.file()))))) {
            for (int i = 0; i < handle.batches(); i++) {
                restoredInFlight.add(BatchCodec.read(in, vertex.head().inputSchema()));
            }
        }
    }

    @Override
    protected void checkpointAborted(long checkpointId) {
        barriers.abort(checkpointId);
    }

    @Override
    protected void runLoop() throws Exception {
        try {
            processInput();
        } finally {
            barriers.abandon();
        }
    }

    private void processInput() throws Exception {
        for (RecordBatch b : restoredInFlight) {
            processBatch(0, b);
        }
        restoredInFlight.clear();
        int channels = gate.channelCount();
        boolean[] dataEnded = new boolean[channels];
        int dataOpen = channels;
        int open = channels;
        long waitNanos = Math.min(MAX_WAIT_NANOS, attempt.bufferTimeoutNanos());
        while (open > 0) {
            if (attempt.isCancelled()) {
                throw new JobCancelledException(); // do not work through a back-pressured backlog first
            }
            drainMail();
            InputGate.PriorityBarrier priority;
            while ((priority = gate.pollPriority()) != null) {
                barriers.onPriorityBarrier(priority.channel(), priority.barrier());
            }
            if (barriers.isAligning()) {
                barriers.checkTimeout(System.currentTimeMillis());
            }
            Object element = gate.poll();
            long now = System.nanoTime();
            if (element == null) {
                if (gate.isCancelled()) {
                    throw new JobCancelledException();
                }
                if (writer != null) {
                    writer.flush();
                }
                taskMetrics.idleStarted(now);
                gate.await(Math.min(waitNanos, fireProcessingTimers(now)));
                taskMetrics.idleEnded(System.nanoTime());
                continue;
            }
            int channel = gate.lastChannel();
            barriers.beforeElement(channel, element);
            if (element instanceof RecordBatch batch) {
                processBatch(0, batch);
                if (writer != null) {
                    writer.flushIfDue(now);
                }
            } else if (element instanceof ChannelEvent.Barrier b) {
                barriers.onBarrier(channel, b);
            } else if (element instanceof ChannelEvent.Watermark w) {
                advanceWatermark(channel, w.timestamp());
            } else if (element instanceof ChannelEvent.EndOfData) {
                if (!dataEnded[channel]) {
                    dataEnded[channel] = true;
                    if (--dataOpen == 0) {
                        endData(0);
                    }
                }
            } else if (element instanceof ChannelEvent.EndOfPartition) {
                // without EndOfData before it, the upstream was stopped (stop-with-savepoint without drain):
                // nothing is flushed, the state stays as the savepoint has it
                open--;
                barriers.onChannelClosed(channel);
            }
            fireProcessingTimers(now);
        }
        awaitNotificationOfLastCheckpoint();
        if (writer != null) {
            writer.broadcast(ChannelEvent.EndOfPartition.INSTANCE);
        }
    }

    /** Before finishing, hears whether the last checkpoint it took part in completed (sinks commit on that). */
    private void awaitNotificationOfLastCheckpoint() throws Exception {
        while (lastSnapshotted > lastNotified && attempt.checkpointStillPending(lastSnapshotted)) {
            drainMail();
            if (attempt.isCancelled()) {
                throw new JobCancelledException();
            }
            gate.await(1_000_000L);
        }
        drainMail();
    }

    private void advanceWatermark(int channel, long timestamp) throws Exception {
        if (timestamp <= channelWatermarks[channel]) {
            return;
        }
        channelWatermarks[channel] = timestamp;
        long min = Long.MAX_VALUE;
        for (long w : channelWatermarks) {
            min = Math.min(min, w);
        }
        if (min > watermark) {
            watermark = min;
            ((StreamOperator) operators[0]).processWatermark(min, outputs[0]);
        }
    }
}
