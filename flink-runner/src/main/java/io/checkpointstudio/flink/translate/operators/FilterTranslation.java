package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedOperator;

/** filter: the engine's own operator on Flink; exported as {@code filter} with the condition inlined over the fields as local variables. */
final class FilterTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        code.line(2, "DataStream<Row> " + code.variable(op) + " = " + code.input(op) + ".filter(r$ -> {");
        code.locals(op.inputSchema(), 4);
        code.line(4, "return " + op.params().getString("condition") + ";");
        code.line(2, "}).name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
