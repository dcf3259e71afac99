package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;

/**
 * Hands batches from one operator to the next in the same task by a direct call: chained operators
 * exchange records with no queue, copy or thread switch. Counts the records on the way.
 */
final class ChainingOutput implements Output {
    private final StreamOperator next;
    private final Output nextOutput;
    private final Counter recordsOut;
    private final Counter nextRecordsIn;

    ChainingOutput(StreamOperator next, Output nextOutput, Counter recordsOut, Counter nextRecordsIn) {
        this.next = next;
        this.nextOutput = nextOutput;
        this.recordsOut = recordsOut;
        this.nextRecordsIn = nextRecordsIn;
    }

    @Override
    public void emit(RecordBatch batch) {
        int n = batch.size();
        if (n == 0) {
            return;
        }
        recordsOut.add(n);
        nextRecordsIn.add(n);
        try {
            next.processBatch(batch, nextOutput);
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
