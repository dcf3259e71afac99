package io.checkpointstudio.flink.connectors.kafka;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.types.Row;

/**
 * kafka-sink as Flink's {@link KafkaSink}: each row as the engine's JSON object, keyed by the key field;
 * semantic AT_LEAST_ONCE or EXACTLY_ONCE as Flink's delivery guarantee of the same name (exactly once: one
 * Kafka transaction per checkpoint, committed when the checkpoint completes; readers need
 * read_committed); the transactional ids start with transactionalIdPrefix (default
 * {@code checkpoint-studio-<job name>-<operator id>}). The producer settings are the engine's: acks=all,
 * idempotence, timeouts from connectTimeout, a 15-minute transaction timeout.
 */
public final class KafkaSinks {
    private KafkaSinks() {
    }

    public static KafkaSink<Row> from(ValidatedOperator op, String jobName) {
        Params p = op.params();
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        String prefix = p.getString("transactionalIdPrefix");
        if (prefix == null || prefix.isBlank()) {
            prefix = KafkaSettings.defaultTransactionalIdPrefix(jobName, op.id());
        }
        return KafkaSink.<Row>builder()
                .setKafkaProducerConfig(KafkaSettings.producer(p.getDuration("connectTimeout"), exactlyOnce))
                .setBootstrapServers(p.getString("bootstrapServers"))
                .setRecordSerializer(new RowSerializer(OperatorSpecs.of(op), p.getString("topic"), p.getString("keyField")))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(prefix)
                .build();
    }
}
