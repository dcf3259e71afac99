package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.flink.tasks.Generators;
import io.checkpointstudio.flink.tasks.Rows;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.types.Row;

/**
 * datagen-sequence: Flink's {@code DataGeneratorSource} over {@code to - from + 1} numbers (without end when
 * {@code to} is unset), number i of the sequence being {@code from + i} ({@link Generators.Sequence}).
 */
final class DatagenSequenceTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        Params p = op.params();
        RowTypeInfo type = Rows.typeOf(op.outputSchema());
        WatermarkStrategy<Row> watermarks = SourceWatermarks.strategy(op);
        long from = p.getLong("from");
        long count = p.isSet("to") ? p.getLong("to") - from + 1 : Long.MAX_VALUE;
        DataStreamSource<Row> stream = pipeline.env().fromSource(new DataGeneratorSource<>(new Generators.Sequence(from), count,
                GeneratorRate.strategy(p), type), watermarks, op.id());
        pipeline.output(op, stream.uid(op.id()).setParallelism(op.parallelism()));
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        long from = p.getLong("from");
        String count = p.isSet("to") ? (p.getLong("to") - from + 1) + "L" : "Long.MAX_VALUE";
        code.line(2, "DataStream<Row> " + code.variable(op) + " = env.fromSource(new DataGeneratorSource<>(");
        code.line(4, "i -> Row.of(" + from + "L + i), " + count + ", " + GeneratorRate.code(p) + ", " + type(op.outputSchema()) + "),");
        code.line(4, SourceWatermarks.code(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
