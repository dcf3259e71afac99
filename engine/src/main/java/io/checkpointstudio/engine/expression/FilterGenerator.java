package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;

/**
 * Generates a {@link BatchFilter}: one loop over the batch that binds the fields the condition reads to locals,
 * evaluates it, and moves kept records down over dropped ones, column by column.
 *
 * <pre>{@code
 * long[] $c0 = $batch.longs(0); boolean[] $c1 = $batch.booleans(1); ...
 * for (int $i = 0; $i < $n; $i++) {
 *     boolean loggedIn = $c1[$i];
 *     if (loggedIn) { $c0[$k] = $c0[$i]; $c1[$k] = $c1[$i]; ...; $k++; }
 * }
 * }</pre>
 */
final class FilterGenerator {
    private FilterGenerator() {
    }

    static BatchFilter generate(AnalyzedExpression condition, Schema input) throws ExpressionException {
        String p = GeneratedSource.internalPrefix(input.names());
        String batch = p + "batch";
        String n = p + "n";
        String i = p + "i";
        String k = p + "k";
        GeneratedSource src = new GeneratedSource("GeneratedFilter");
        src.line("public final class GeneratedFilter implements " + BatchFilter.class.getName() + " {");
        src.line("public int filter(final " + RecordBatch.class.getName() + " " + batch + ") {");
        src.line("final int " + n + " = " + batch + ".size();");
        for (int c = 0; c < input.size(); c++) {
            src.line("final " + GeneratedSource.arrayType(input.type(c)) + " " + p + "c" + c + " = "
                    + batch + "." + GeneratedSource.columnAccessor(input.type(c)) + "(" + c + ");");
        }
        src.line("int " + k + " = 0;");
        src.line("for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) {");
        for (Field f : condition.fields()) {
            src.line("final " + GeneratedSource.javaType(f.type()) + " " + f.name() + " = "
                    + p + "c" + input.indexOf(f.name()) + "[" + i + "];");
        }
        src.line("if (");
        src.expression("", condition);
        src.line(") {");
        for (int c = 0; c < input.size(); c++) {
            src.line(p + "c" + c + "[" + k + "] = " + p + "c" + c + "[" + i + "];");
        }
        src.line(k + "++;");
        src.line("}");
        src.line("}");
        src.line(batch + ".setSize(" + k + ");");
        src.line("return " + k + ";");
        src.line("}");
        src.line("}");
        return src.instantiate(BatchFilter.class);
    }
}
