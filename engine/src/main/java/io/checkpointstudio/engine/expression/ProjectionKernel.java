package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;

/**
 * What generated projection code implements: computes the output columns that are not plain field references.
 * Public only because generated classes live in a class loader of their own; use {@link BatchProjection}.
 */
public interface ProjectionKernel {
    /** Stores a fresh column of {@code in.size()} elements at each computed index of {@code out}. */
    void compute(RecordBatch in, Object[] out);
}
