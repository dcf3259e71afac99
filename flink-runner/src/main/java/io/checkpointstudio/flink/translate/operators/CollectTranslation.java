package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedOperator;
import java.util.List;
import java.util.Optional;

/**
 * collect: the engine's own sink on Flink, its rows handed back at the end as a Flink accumulator; exported as
 * {@code print}, since an exported program has no one to hand rows to.
 */
final class CollectTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        code.line(2, "// collect keeps rows in memory in Checkpoint Studio; here they are printed");
        code.line(2, code.input(op) + ".print(" + str(op.id() + " ") + ").name(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    @Override
    public Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        return Optional.of(sinks.rows(op.id()).map(List::size).orElse(0) + " rows collected");
    }
}
