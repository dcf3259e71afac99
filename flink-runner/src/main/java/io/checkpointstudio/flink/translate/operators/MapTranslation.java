package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.cast;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.record.Schema;
import java.util.Map;
import java.util.stream.Collectors;

/** map: the engine's own operator on Flink; exported as {@code map} building the output row from the field expressions. */
final class MapTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        code.line(2, "DataStream<Row> " + code.variable(op) + " = " + code.input(op) + ".map(r$ -> {");
        code.locals(op.inputSchema(), 4);
        Schema out = op.outputSchema();
        Map<String, String> expressions = op.params().getFieldExpressions("fields");
        String values = out.fields().stream().map(f -> cast(f.type(), expressions.get(f.name()))).collect(Collectors.joining(", "));
        code.line(4, "return Row.of(" + values + ");");
        code.line(2, "}, " + type(out) + ").name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
