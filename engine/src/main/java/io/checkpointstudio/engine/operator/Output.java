package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.record.RecordBatch;

/** Where an operator emits: the next operator of its chain, or the channels to the next task. */
public interface Output {
    /** Passes a batch downstream; the caller gives up the batch. Empty batches may be dropped. */
    void emit(RecordBatch batch);

    /** Passes an event-time watermark downstream. */
    void emitWatermark(long watermark);
}
