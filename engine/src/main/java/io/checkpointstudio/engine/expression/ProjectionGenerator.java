package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.Map;

/**
 * Generates the {@link ProjectionKernel} of a projection: one method per computed output column, each a loop
 * that binds the fields its expression reads and stores the result into a fresh array. A constant expression
 * is evaluated once per batch and filled in.
 *
 * <p>One method per column keeps each method small: HotSpot does not JIT-compile methods over 8000 bytes of
 * bytecode, and a projection with many columns in one method would run interpreted.
 */
final class ProjectionGenerator {
    private ProjectionGenerator() {
    }

    /** {@code computed}: output column index to its expression, for the columns that are not plain references. */
    static ProjectionKernel generate(Map<Integer, AnalyzedExpression> computed, Map<Integer, String> labels,
            Schema input, Schema output) throws ExpressionException {
        String p = GeneratedSource.internalPrefix(input.names());
        String in = p + "in";
        String out = p + "out";
        String n = p + "n";
        String batchType = RecordBatch.class.getName();
        GeneratedSource src = new GeneratedSource("GeneratedProjection");
        src.line("public final class GeneratedProjection implements " + ProjectionKernel.class.getName() + " {");
        src.line("public void compute(final " + batchType + " " + in + ", final Object[] " + out + ") {");
        src.line("final int " + n + " = " + in + ".size();");
        for (int column : computed.keySet()) {
            src.line(out + "[" + column + "] = this." + p + "column" + column + "(" + in + ", " + n + ");");
        }
        src.line("}");
        for (Map.Entry<Integer, AnalyzedExpression> e : computed.entrySet()) {
            int column = e.getKey();
            AnalyzedExpression expression = e.getValue();
            FieldType type = output.type(column);
            String result = p + "o";
            String i = p + "i";
            src.line("private " + GeneratedSource.arrayType(type) + " " + p + "column" + column
                    + "(final " + batchType + " " + in + ", final int " + n + ") {");
            src.line("final " + GeneratedSource.arrayType(type) + " " + result + " = new "
                    + GeneratedSource.javaType(type) + "[" + n + "];");
            if (expression.isConstant()) {
                String value = p + "v";
                // Only when there are records: a constant that throws (parseLong("x")) must not fail an empty batch.
                src.line("if (" + n + " > 0) {");
                src.line("final " + GeneratedSource.javaType(type) + " " + value + " = (");
                src.expression(labels.get(column), expression);
                src.line(");");
                src.line("for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) " + result + "[" + i + "] = " + value + ";");
                src.line("}");
            } else {
                for (Field f : expression.fields()) {
                    int c = input.indexOf(f.name());
                    src.line("final " + GeneratedSource.arrayType(f.type()) + " " + p + "c" + c + " = "
                            + in + "." + GeneratedSource.columnAccessor(f.type()) + "(" + c + ");");
                }
                src.line("for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) {");
                for (Field f : expression.fields()) {
                    src.line("final " + GeneratedSource.javaType(f.type()) + " " + f.name() + " = "
                            + p + "c" + input.indexOf(f.name()) + "[" + i + "];");
                }
                src.line(result + "[" + i + "] = (");
                src.expression(labels.get(column), expression);
                src.line(");");
                src.line("}");
            }
            src.line("return " + result + ";");
            src.line("}");
        }
        src.line("}");
        return src.instantiate(ProjectionKernel.class);
    }
}
