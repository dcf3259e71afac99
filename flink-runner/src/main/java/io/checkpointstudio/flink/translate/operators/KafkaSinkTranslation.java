package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.names;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.connectors.kafka.KafkaSinks;
import java.util.Optional;

/**
 * kafka-sink: Flink's {@code KafkaSink}, each row as the engine's JSON, at least once or exactly once
 * ({@link KafkaSinks}); exported with the template's serializer ({@code Kafka.JsonSerializer}).
 */
final class KafkaSinkTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.input(op).sinkTo(KafkaSinks.from(op, pipeline.jobName())).name(op.id()).uid(op.id()).setParallelism(op.parallelism());
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        Schema schema = op.inputSchema();
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        String keyField = p.getString("keyField");
        int key = keyField == null || keyField.isBlank() ? -1 : schema.indexOf(keyField);
        code.uses(ExportedConnector.KAFKA);
        code.imports("org.apache.flink.connector.kafka.sink.KafkaSink", "org.apache.flink.connector.base.DeliveryGuarantee");
        code.line(2, "// each row as a JSON object" + (key < 0 ? "" : ", keyed by " + keyField) + (exactlyOnce
                ? "; exactly once: one Kafka transaction per checkpoint, committed when it completes (readers: isolation.level=read_committed)"
                : "; at least once"));
        code.line(2, code.input(op) + ".sinkTo(KafkaSink.<Row>builder()");
        code.line(4, ".setBootstrapServers(" + str(p.getString("bootstrapServers")) + ")");
        code.line(4, ".setRecordSerializer(new Kafka.JsonSerializer(" + str(p.getString("topic")) + ", " + key + ", " + names(schema) + "))");
        code.line(4, ".setDeliveryGuarantee(DeliveryGuarantee." + (exactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE") + ")");
        if (exactlyOnce) {
            String prefix = p.getString("transactionalIdPrefix") == null || p.getString("transactionalIdPrefix").isBlank()
                    ? KafkaSettings.defaultTransactionalIdPrefix(code.jobName(), op.id()) : p.getString("transactionalIdPrefix");
            code.line(4, ".setTransactionalIdPrefix(" + str(prefix) + ")");
            code.line(4, "// at most the broker's transaction.max.timeout.ms (15 minutes by default)");
            code.line(4, ".setProperty(\"transaction.timeout.ms\", " + str(KafkaSettings.TRANSACTION_TIMEOUT_MS) + ")");
        }
        code.line(4, ".build())");
        code.line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    @Override
    public Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        return Optional.of("records in topic " + op.params().getString("topic") + " at " + op.params().getString("bootstrapServers"));
    }
}
