package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.chr;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.names;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import java.util.Optional;

/**
 * file-sink: the engine's own sink on Flink (its pending part files in Flink operator state, committed when
 * Flink's checkpoint completes); exported as Flink's {@code FileSink} of JSON or CSV lines.
 */
final class FileSinkTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.addEngineOperator(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        int par = op.parallelism();
        String ext = "CSV".equals(p.getEnum("format")) ? "csv" : "jsonl";
        code.line(2, "// Flink's FileSink commits part files when a checkpoint completes: keep checkpointing on");
        code.line(2, code.input(op) + ".map(r$ -> " + ("csv".equals(ext) ? "csv(r$, " + chr(p.getString("delimiter")) + ")" : "json(r$, "
                + names(op.inputSchema()) + ")") + ", Types.STRING).setParallelism(" + par + ")");
        code.line(4, ".sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(" + str(FilePaths.absolute(p.getString("path")).toString())
                + "), new SimpleStringEncoder<String>())");
        code.line(6, ".withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(" + str("." + ext) + ").build()).build())");
        code.line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + par + ");");
    }

    @Override
    public Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        return Optional.of("part files in " + op.params().getString("path"));
    }
}
