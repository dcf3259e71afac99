package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.fault.OperatorFaults;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.SourceOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.state.OperatorListState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A subtask whose chain starts with a source: calls the source in a loop until its input ends or the job
 * stops, taking checkpoints between two calls when the coordinator asks. At the end of a bounded input
 * it waits for the job's final checkpoint to complete (so sinks can commit) before it finishes. A
 * stop-with-savepoint takes the savepoint's barrier and stops (after ending the input when draining); if
 * that savepoint fails, a source that was not drained goes on as before, as Flink's does.
 */
final class SourceSubtask extends Subtask {
    private static final long IDLE_PARK_NANOS = 1_000_000L;

    private final SourceOperator source;
    private final Output sourceOutput;
    private final WatermarkingOutput watermarks;
    private volatile Thread thread;
    private Mail.Stop stop;
    private boolean inputEnded;
    private long lastAborted;

    SourceSubtask(JobAttempt attempt, TaskVertex vertex, int index, List<EdgeWriter> edgeWriters, TaskMetrics taskMetrics) throws Exception {
        super(attempt, vertex, index, edgeWriters, taskMetrics);
        this.source = (SourceOperator) operators[0];
        Output out = source.generatesWatermarks() ? outputs[0]
                : WatermarkingOutput.wrapIfConfigured(vertex.head(), outputs[0], attempt.autoWatermarkIntervalNanos());
        this.watermarks = out instanceof WatermarkingOutput w ? w : null;
        this.sourceOutput = new FaultingOutput(out, faults[0]);
    }

    @Override
    protected void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    protected void stopRequested(Mail.Stop request) {
        stop = request;
    }

    @Override
    protected void checkpointAborted(long checkpointId) {
        lastAborted = Math.max(lastAborted, checkpointId);
    }

    @Override
    protected void runLoop() throws Exception {
        thread = Thread.currentThread();
        attempt.sourceStarted();
        while (true) {
            if (!inputEnded) {
                emitUntilEndOrStop();
            }
            if (stop == null) {
                endInput();
                waitForFinalCheckpoint();
                if (stop == null) {
                    break;
                }
            }
            Mail.Stop request = stop;
            stop = null;
            if (request.drain()) {
                endInput();
            }
            ChannelEvent.Barrier b = request.barrier();
            checkpoint(b, Math.max(0, System.currentTimeMillis() - b.timestamp()), 0, 0, false, null);
            if (awaitOutcome(b.checkpointId())) {
                break;
            }
            if (inputEnded) {
                waitForFinalCheckpoint();
                break;
            }
        }
        if (writer != null) {
            writer.broadcast(ChannelEvent.EndOfPartition.INSTANCE);
        }
    }

    /** A finished source keeps its final positions (finished splits, files read to the end) in later checkpoints. */
    @Override
    protected List<OperatorStateHandle> captureFinalState() throws Exception {
        OperatorSnapshot s = source.snapshotState(lastSnapshotted + 1, true);
        if (s == null || s.listState().isEmpty()) {
            return List.of();
        }
        return List.of(new OperatorStateHandle(vertex.head().id(), s.listState(), null, null,
                s.listRedistribution() == OperatorListState.Redistribution.ROUND_ROBIN ? null : s.listRedistribution()));
    }

    private void emitUntilEndOrStop() throws Exception {
        while (true) {
            drainMail();
            if (attempt.isCancelled()) {
                throw new JobCancelledException();
            }
            if (stop != null) {
                return;
            }
            SourceOperator.Status status = source.emitNext(sourceOutput);
            if (status == SourceOperator.Status.END_OF_INPUT) {
                return;
            }
            long now = System.nanoTime();
            if (status == SourceOperator.Status.NOTHING_AVAILABLE) {
                if (writer != null) {
                    writer.flush();
                }
                if (watermarks != null) {
                    watermarks.emitPendingWatermark();
                }
                taskMetrics.idleStarted(now);
                LockSupport.parkNanos(Math.min(IDLE_PARK_NANOS, fireProcessingTimers(now)));
                taskMetrics.idleEnded(System.nanoTime());
            } else if (writer != null) {
                writer.flushIfDue(now);
            }
            fireProcessingTimers(now);
        }
    }

    /** No more records from this source: the final watermark, then every chained operator flushes, then EndOfData. */
    private void endInput() throws Exception {
        if (inputEnded) {
            return;
        }
        inputEnded = true;
        sourceOutput.emitWatermark(Long.MAX_VALUE);
        endData(1);
    }

    /** Waits until the job's final checkpoint completed (or a stop-with-savepoint arrives). */
    private void waitForFinalCheckpoint() throws Exception {
        if (!attempt.waitsForFinalCheckpoint()) {
            return;
        }
        attempt.sourceFinished();
        while (!attempt.finalCheckpointCompleted(lastNotified) && stop == null) {
            idleOneStep();
        }
    }

    /** Waits for the savepoint's outcome: true when it completed, false when it was aborted. */
    private boolean awaitOutcome(long checkpointId) throws Exception {
        while (lastNotified < checkpointId) {
            if (lastAborted >= checkpointId) {
                return false;
            }
            idleOneStep();
        }
        return true;
    }

    private void idleOneStep() throws Exception {
        drainMail();
        if (attempt.isCancelled()) {
            throw new JobCancelledException();
        }
        if (writer != null) {
            writer.flush();
        }
        taskMetrics.idleStarted(System.nanoTime());
        LockSupport.parkNanos(IDLE_PARK_NANOS);
        taskMetrics.idleEnded(System.nanoTime());
    }

    /**
     * Applies the faults aimed at the source itself (fail after its N-th record or now, slow down), as
     * {@link Subtask#process} does for the other operators: a source's records are the ones it emits.
     */
    private record FaultingOutput(Output out, OperatorFaults faults) implements Output {
        @Override
        public void emit(RecordBatch batch) {
            if (!faults.armed()) {
                out.emit(batch);
                return;
            }
            int n = batch.size();
            int failAt = faults.failPointWithin(n);
            if (failAt >= 0) {
                if (failAt > 0) {
                    batch.setSize(failAt);
                    out.emit(batch);
                }
                throw faults.fire();
            }
            out.emit(batch);
            faults.processed(n);
        }

        @Override
        public void emitWatermark(long watermark) {
            out.emitWatermark(watermark);
        }
    }
}
