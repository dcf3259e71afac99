package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;

/** A projection: plain field references reuse input columns, the generated kernel computes the rest. */
final class CompiledProjection implements BatchProjection {
    private final Schema output;
    /** Per output column: the input column it reuses, or -1 if the kernel computes it. */
    private final int[] reusedInput;
    /**
     * Per output column: whether it names an input column an earlier output column already reuses. Such a column
     * is copied, so that no two columns of a batch share an array (an operator may change a column in place).
     */
    private final boolean[] copied;
    private final ProjectionKernel kernel;

    CompiledProjection(Schema output, int[] reusedInput, boolean[] copied, ProjectionKernel kernel) {
        this.output = output;
        this.reusedInput = reusedInput.clone();
        this.copied = copied.clone();
        this.kernel = kernel;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public RecordBatch project(RecordBatch in) {
        int n = in.size();
        Object[] columns = new Object[output.size()];
        if (kernel != null) {
            kernel.compute(in, columns);
        }
        for (int c = 0; c < columns.length; c++) {
            int source = reusedInput[c];
            if (source >= 0) {
                columns[c] = copied[c] ? copyOf(in.column(source), c, n) : in.column(source);
            }
        }
        return RecordBatch.wrap(output, columns, n);
    }

    private Object copyOf(Object column, int outputColumn, int n) {
        Object copy = RecordBatch.newColumn(output.type(outputColumn), n);
        System.arraycopy(column, 0, copy, 0, n);
        return copy;
    }
}
