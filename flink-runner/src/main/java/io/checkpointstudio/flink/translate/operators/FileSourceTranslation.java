package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.chr;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.names;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.typeNames;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.flink.tasks.LineParsing;
import io.checkpointstudio.flink.tasks.NumberedLines;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import io.checkpointstudio.flink.tasks.Rows;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Row;

/**
 * file-source: Flink's {@code FileSource} of text lines numbered per file ({@link NumberedLines}), each parsed
 * by the engine's own line parser ({@link LineParsing}) with the engine's handling of headers, blank and
 * invalid lines; the watermarks are assigned after parsing. Exported as Flink's text-line format (after the
 * header with {@code skipHeader}) and the template's parser.
 */
final class FileSourceTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        Params p = op.params();
        RowTypeInfo type = Rows.typeOf(op.outputSchema());
        WatermarkStrategy<Row> watermarks = SourceWatermarks.strategy(op);
        FileSource<Tuple3<String, Long, String>> files = FileSource.forBulkFileFormat(new NumberedLines(),
                new Path(FilePaths.absolute(p.getString("path")))).build();
        SingleOutputStreamOperator<Row> stream = pipeline.env().fromSource(files, WatermarkStrategy.noWatermarks(), op.id() + " (lines)")
                .setParallelism(op.parallelism())
                .flatMap(new LineParsing(OperatorSpecs.of(op)), type).name(op.id() + " (parse)").uid(op.id() + "-parse")
                .setParallelism(op.parallelism())
                .assignTimestampsAndWatermarks(watermarks).name(op.id() + " (watermarks)");
        pipeline.output(op, stream.uid(op.id()).setParallelism(op.parallelism()));
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        int par = op.parallelism();
        code.line(2, "// each line is parsed as " + p.getEnum("format") + " into " + op.outputSchema());
        if (p.getBoolean("skipHeader")) {
            code.line(2, "// the first line of every file is its header");
        }
        code.line(2, "DataStream<Row> " + code.variable(op) + " = env.fromSource(FileSource.forRecordStreamFormat("
                + (p.getBoolean("skipHeader") ? "new LinesAfterHeader()" : "new TextLineInputFormat()") + ",");
        code.line(4, "new org.apache.flink.core.fs.Path(" + str(FilePaths.absolute(p.getString("path")).toString()) + ")).build(),");
        code.line(4, "WatermarkStrategy.noWatermarks(), " + str(op.id()) + ").setParallelism(" + par + ")");
        code.line(4, ".filter(line -> !line.isBlank())");
        code.line(4, ".map(line -> parse(line, " + str(p.getEnum("format")) + ", " + chr(p.getString("delimiter")) + ", " + names(op.outputSchema()) + ", "
                + typeNames(op.outputSchema()) + "), " + type(op.outputSchema()) + ")");
        code.line(4, ".assignTimestampsAndWatermarks(" + SourceWatermarks.code(op) + ").setParallelism(" + par + ");");
    }
}
