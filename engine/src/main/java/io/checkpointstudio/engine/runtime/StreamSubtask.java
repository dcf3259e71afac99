package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.record.RecordBatch;
import java.util.Arrays;
import java.util.List;

/**
 * A subtask fed by an input gate: takes batches and events from its channels until every upstream
 * subtask has ended. Tracks one event-time watermark per channel and passes the minimum downstream.
 */
final class StreamSubtask extends Subtask {
    private static final long MAX_WAIT_NANOS = 50_000_000L;

    private final InputGate gate;
    private final long[] channelWatermarks;
    private long watermark = Long.MIN_VALUE;

    StreamSubtask(JobAttempt attempt, TaskVertex vertex, int index, InputGate gate, List<EdgeWriter> edgeWriters, TaskMetrics taskMetrics) throws Exception {
        super(attempt, vertex, index, edgeWriters, taskMetrics);
        this.gate = gate;
        this.channelWatermarks = new long[gate.channelCount()];
        Arrays.fill(channelWatermarks, Long.MIN_VALUE);
    }

    @Override
    protected void runLoop() throws Exception {
        int open = gate.channelCount();
        long waitNanos = Math.min(MAX_WAIT_NANOS, attempt.bufferTimeoutNanos());
        while (open > 0) {
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
            if (element instanceof RecordBatch batch) {
                processBatch(0, batch);
                if (writer != null) {
                    writer.flushIfDue(now);
                }
            } else if (element instanceof ChannelEvent.Watermark w) {
                advanceWatermark(gate.lastChannel(), w.timestamp());
            } else if (element instanceof ChannelEvent.EndOfPartition) {
                open--;
                if (open > 0) {
                    advanceWatermark(gate.lastChannel(), Long.MAX_VALUE);
                }
            }
            fireProcessingTimers(now);
        }
        endChain(0);
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
            ((io.checkpointstudio.engine.operator.StreamOperator) operators[0]).processWatermark(min, outputs[0]);
        }
    }
}
