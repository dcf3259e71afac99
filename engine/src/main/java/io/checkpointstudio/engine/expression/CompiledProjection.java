package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.Map;

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
    /** The text of each computed column's expression, for failures. */
    private final Map<Integer, String> expressions;
    private final String owner;

    CompiledProjection(Schema output, int[] reusedInput, boolean[] copied, ProjectionKernel kernel,
                       Map<Integer, String> expressions, String owner) {
        this.output = output;
        this.reusedInput = reusedInput.clone();
        this.copied = copied.clone();
        this.kernel = kernel;
        this.expressions = Map.copyOf(expressions);
        this.owner = owner;
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
            try {
                kernel.compute(in, columns);
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }
        for (int c = 0; c < columns.length; c++) {
            int source = reusedInput[c];
            if (source >= 0) {
                columns[c] = copied[c] ? copyOf(in.column(source), c, n) : in.column(source);
            }
        }
        return RecordBatch.wrap(output, columns, n);
    }

    /** Names the column whose expression threw, found from the generated method on the exception's stack. */
    private ExpressionFailedException failure(RuntimeException e) {
        int column = ExpressionFrames.projectionColumn(e.getStackTrace());
        if (!expressions.containsKey(column)) {
            column = expressions.keySet().iterator().next();
        }
        return new ExpressionFailedException(FailureNaming.where(owner, "field `" + output.names().get(column) + "`"),
                expressions.get(column), e);
    }

    private Object copyOf(Object column, int outputColumn, int n) {
        Object copy = RecordBatch.newColumn(output.type(outputColumn), n);
        System.arraycopy(column, 0, copy, 0, n);
        return copy;
    }
}
