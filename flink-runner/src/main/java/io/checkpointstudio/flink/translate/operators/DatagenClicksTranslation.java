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
 * datagen-clicks: Flink's {@code DataGeneratorSource} (checkpointed split positions, the same rate limit)
 * mapping sequence number i to the engine's click i ({@link Generators.Clicks}); exported with the generator
 * written out in {@code Main.java}.
 */
final class DatagenClicksTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        Params p = op.params();
        RowTypeInfo type = Rows.typeOf(op.outputSchema());
        WatermarkStrategy<Row> watermarks = SourceWatermarks.strategy(op);
        long events = p.getLong("events");
        DataStreamSource<Row> stream = pipeline.env().fromSource(new DataGeneratorSource<>(new Generators.Clicks(p.getLong("seed"), p.getLong("users")),
                events == 0 ? Long.MAX_VALUE : events, GeneratorRate.strategy(p), type), watermarks, op.id());
        pipeline.output(op, stream.uid(op.id()).setParallelism(op.parallelism()));
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        long events = p.getLong("events");
        code.line(2, "DataStream<Row> " + code.variable(op) + " = env.fromSource(new DataGeneratorSource<>(");
        code.line(4, "i -> Row.of(userId(" + p.getLong("seed") + "L, i, " + p.getLong("users") + "L), loggedIn(" + p.getLong("seed") + "L, i), i),");
        code.line(4, (events == 0 ? "Long.MAX_VALUE" : events + "L") + ", " + GeneratorRate.code(p) + ", " + type(op.outputSchema()) + "),");
        code.line(4, SourceWatermarks.code(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
