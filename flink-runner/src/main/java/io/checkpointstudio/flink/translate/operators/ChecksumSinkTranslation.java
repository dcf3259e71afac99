package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.record.Schema;
import java.util.Optional;

/**
 * checksum-sink: the engine's own sink on Flink, its figures handed back at the end as a Flink accumulator;
 * exported as the template's sink, which prints each subtask's figures when its input ends.
 */
final class ChecksumSinkTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Schema in = op.inputSchema();
        int key = in.indexOf(op.params().getString("keyField"));
        int value = in.indexOf(op.params().getString("valueField"));
        code.line(2, "// checksum-sink: the latest value per key, summed; printed by each subtask when its input ends");
        code.line(2, code.input(op) + ".sinkTo(new ChecksumSink(" + key + ", " + value + ")).name(" + str(op.id()) + ").setParallelism("
                + op.parallelism() + ");");
    }

    @Override
    public Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        ChecksumSink.Checksum c = sinks.checksum(op.id()).orElseThrow();
        return Optional.of("records=" + c.records() + " checksum=" + c.checksum() + " weightedChecksum=" + c.weightedChecksum() + " keys=" + c.keys());
    }
}
