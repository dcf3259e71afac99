package io.checkpointstudio.flink.connectors.kafka;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import java.time.Duration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * kafka-source as Flink's {@link KafkaSource}, its parameters mapped one to one: the same servers, topics
 * and group (default {@code checkpoint-studio-<job name>}); startFrom EARLIEST, LATEST, TIMESTAMP or
 * COMMITTED (falling back to the earliest offset where the group has none, as the engine does); bounded
 * stops at the latest offsets seen at start; partitionDiscoveryInterval becomes
 * {@code partition.discovery.interval.ms} (0: off; added partitions are read from their earliest offset,
 * Flink's default and the engine's); only committed records are read. Offsets live in Flink's checkpoints
 * and are committed to the group when a checkpoint completes, as the engine does. {@code connectTimeout} has
 * no counterpart: the Kafka clients' own timeouts apply.
 */
public final class KafkaSources {
    private KafkaSources() {
    }

    public static KafkaSource<Row> from(ValidatedOperator op, String jobName) {
        Params p = op.params();
        String groupId = p.getString("groupId");
        if (groupId == null || groupId.isBlank()) {
            groupId = KafkaSettings.defaultGroupId(jobName);
        }
        KafkaSourceBuilder<Row> builder = KafkaSource.<Row>builder()
                .setProperties(KafkaSettings.consumer())
                .setBootstrapServers(p.getString("bootstrapServers"))
                .setTopics(KafkaSettings.topics(p.getString("topics")))
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + op.id())
                .setStartingOffsets(startingOffsets(p))
                .setDeserializer(new RowDeserializer(OperatorSpecs.of(op)));
        if (p.getBoolean("bounded")) {
            builder.setBounded(OffsetsInitializer.latest()); // no partition discovery, as in the engine
        } else {
            Duration discovery = p.getDuration("partitionDiscoveryInterval");
            builder.setProperty("partition.discovery.interval.ms", Long.toString(discovery.isZero() ? -1 : discovery.toMillis()));
        }
        return builder.build();
    }

    static OffsetsInitializer startingOffsets(Params p) {
        return switch (p.getEnum("startFrom")) {
            case "LATEST" -> OffsetsInitializer.latest();
            case "TIMESTAMP" -> OffsetsInitializer.timestamp(p.getLong("startTimestamp"));
            case "COMMITTED" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> OffsetsInitializer.earliest();
        };
    }
}
