package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.Schema;

/** flat-map: the engine's own operator on Flink; exported as {@code flatMap} splitting the text field into one row per non-empty piece. */
final class FlatMapTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        Schema in = op.inputSchema();
        Schema out = op.outputSchema();
        int split = in.indexOf(p.getString("field"));
        String as = p.getString("as") == null ? p.getString("field") : p.getString("as");
        int piece = out.indexOf(as);
        code.line(2, "DataStream<Row> " + code.variable(op) + " = " + code.input(op) + ".flatMap((Row r$, Collector<Row> out) -> {");
        code.line(4, "String text = r$.getFieldAs(" + split + ");");
        code.line(4, "if (text == null) {");
        code.line(6, "return;");
        code.line(4, "}");
        code.line(4, "for (String piece : text.split(" + str(p.getString("separator")) + ")) {");
        code.line(6, "if (!piece.isEmpty()) {");
        code.line(8, "Row o = Row.withPositions(" + out.size() + ");");
        code.line(8, "for (int c = 0; c < " + in.size() + "; c++) {");
        code.line(10, "o.setField(c, r$.getField(c));");
        code.line(8, "}");
        code.line(8, "o.setField(" + piece + ", piece);");
        code.line(8, "out.collect(o);");
        code.line(6, "}");
        code.line(4, "}");
        code.line(2, "}, " + type(out) + ").name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
