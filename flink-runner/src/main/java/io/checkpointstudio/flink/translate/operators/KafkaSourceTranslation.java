package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.chr;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.names;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.typeNames;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.connectors.kafka.KafkaSources;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.types.Row;

/**
 * kafka-source: Flink's {@code KafkaSource} with the engine's parameters mapped one to one, each value parsed by
 * the engine's line parser ({@link KafkaSources}); exported with the template's deserializer
 * ({@code Kafka.RowDeserializer}).
 */
final class KafkaSourceTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        WatermarkStrategy<Row> watermarks = SourceWatermarks.strategy(op);
        DataStreamSource<Row> stream = pipeline.env().fromSource(KafkaSources.from(op, pipeline.jobName()), watermarks, op.id());
        pipeline.output(op, stream.uid(op.id()).setParallelism(op.parallelism()));
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        Schema out = op.outputSchema();
        code.uses(ExportedConnector.KAFKA);
        code.imports("org.apache.flink.connector.kafka.source.KafkaSource",
                "org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer");
        String groupId = p.getString("groupId") == null || p.getString("groupId").isBlank()
                ? KafkaSettings.defaultGroupId(code.jobName()) : p.getString("groupId");
        String start = switch (p.getEnum("startFrom")) {
            case "LATEST" -> "OffsetsInitializer.latest()";
            case "TIMESTAMP" -> "OffsetsInitializer.timestamp(" + p.getLong("startTimestamp") + "L)";
            case "COMMITTED" -> {
                code.imports("org.apache.kafka.clients.consumer.OffsetResetStrategy");
                yield "OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)";
            }
            default -> "OffsetsInitializer.earliest()";
        };
        code.line(2, "// each record value is parsed as " + p.getEnum("format") + " into " + out + "; only committed records are read");
        code.line(2, "DataStream<Row> " + code.variable(op) + " = env.fromSource(KafkaSource.<Row>builder()");
        code.line(4, ".setBootstrapServers(" + str(p.getString("bootstrapServers")) + ")");
        code.line(4, ".setTopics(" + KafkaSettings.topics(p.getString("topics")).stream().map(JavaSyntax::str).collect(Collectors.joining(", ")) + ")");
        code.line(4, ".setGroupId(" + str(groupId) + ")");
        code.line(4, ".setStartingOffsets(" + start + ")");
        if (p.getBoolean("bounded")) {
            code.line(4, ".setBounded(OffsetsInitializer.latest())");
        } else {
            Duration discovery = p.getDuration("partitionDiscoveryInterval");
            code.line(4, ".setProperty(\"partition.discovery.interval.ms\", " + str(discovery.isZero() ? "-1" : Long.toString(discovery.toMillis())) + ")");
        }
        code.line(4, ".setProperty(\"isolation.level\", \"read_committed\")");
        code.line(4, ".setDeserializer(new Kafka.RowDeserializer(" + str(p.getEnum("format")) + ", " + chr(p.getString("delimiter")) + ", "
                + names(out) + ", " + typeNames(out) + ", " + type(out) + "))");
        code.line(4, ".build(),");
        code.line(4, SourceWatermarks.code(op) + ", " + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
