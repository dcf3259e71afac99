package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.fault.OperatorFaults;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;

/**
 * Hands batches from one operator to the next in the same task by a direct call: chained operators
 * exchange records with no queue, copy or thread switch. Counts the records on the way and applies any
 * fault aimed at the next operator.
 */
final class ChainingOutput implements Output {
    private final StreamOperator next;
    private final Output nextOutput;
    private final Counter recordsOut;
    private final Counter nextRecordsIn;
    private final OperatorFaults nextFaults;
    private final Subtask.FirstRecord firstRecord;
    private final TaskProgress progress;
    private final int nextIndex;

    ChainingOutput(StreamOperator next, Output nextOutput, Counter recordsOut, Counter nextRecordsIn, OperatorFaults nextFaults,
                   Subtask.FirstRecord firstRecord, TaskProgress progress, int nextIndex) {
        this.next = next;
        this.nextOutput = nextOutput;
        this.recordsOut = recordsOut;
        this.nextRecordsIn = nextRecordsIn;
        this.nextFaults = nextFaults;
        this.firstRecord = firstRecord;
        this.progress = progress;
        this.nextIndex = nextIndex;
    }

    @Override
    public void emit(RecordBatch batch) {
        int n = batch.size();
        if (n == 0) {
            return;
        }
        recordsOut.add(n);
        try {
            Subtask.process(next, batch, nextOutput, nextRecordsIn, nextFaults, firstRecord, progress, nextIndex);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            next.processWatermark(watermark, nextOutput);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(e);
        }
    }
}
