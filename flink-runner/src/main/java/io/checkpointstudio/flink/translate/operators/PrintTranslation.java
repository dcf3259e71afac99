package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedOperator;

/** print: the engine's own sink on Flink; exported as Flink's {@code print} with the same prefix. */
final class PrintTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        code.line(2, code.input(op) + ".print(" + str(op.params().getString("prefix")) + ").name(" + str(op.id()) + ").setParallelism("
                + op.parallelism() + ");");
    }
}
