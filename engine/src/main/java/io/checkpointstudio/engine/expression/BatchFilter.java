package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;

/** A compiled filter condition. Instances are stateless and may be shared between threads. */
public interface BatchFilter {
    /**
     * Keeps the records for which the condition holds, compacting the batch in place (stable order) and
     * setting its size; returns the new size.
     */
    int filter(RecordBatch batch);
}
