package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;

/** Compiled map expressions: one output field per expression. Stateless; may be shared between threads. */
public interface BatchProjection {
    Schema outputSchema();

    /**
     * A new batch of the output schema with {@code in.size()} records. A field that is a plain reference to an
     * input field reuses the input's column array (no copy); every other column is a fresh array of exactly
     * {@code in.size()} elements.
     */
    RecordBatch project(RecordBatch in);
}
