package io.checkpointstudio.engine.connector.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What the Kafka source and sink set on their clients and the defaults they derive from the job, in one
 * place for the engine's connectors and the Flink runner's mapping onto Flink's Kafka connector.
 */
public final class KafkaSettings {
    /** A transaction's timeout: the broker's default transaction.max.timeout.ms, the longest it accepts. */
    public static final String TRANSACTION_TIMEOUT_MS = "900000";

    private KafkaSettings() {
    }

    /** kafka-source's groupId when none is given. */
    public static String defaultGroupId(String jobName) {
        return "checkpoint-studio-" + jobName;
    }

    /** kafka-sink's transactionalIdPrefix when none is given. */
    public static String defaultTransactionalIdPrefix(String jobName, String operatorId) {
        return "checkpoint-studio-" + jobName + "-" + operatorId;
    }

    /** The topics of a comma-separated list, trimmed, without blanks and repeats. */
    public static List<String> topics(String commaSeparated) {
        return KafkaConnect.splitTopics(commaSeparated);
    }

    /** A record key from a key field's value, as the sink writes it (the value's text; none for null). */
    public static String key(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The source's consumer settings besides the servers, group and deserializers: read committed records only. */
    public static Properties consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }

    /**
     * The sink's producer settings besides the servers and serializers: acknowledged by all replicas,
     * idempotent, and timeouts from {@code connectTimeout} (a record not delivered within it fails the task,
     * and the restart strategy applies, rather than the producer retrying for the default two minutes while
     * checkpoints wait on flush()); a transactional producer's transactions time out after 15 minutes.
     */
    public static Properties producer(Duration connectTimeout, boolean transactional) {
        Properties props = new Properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1, connectTimeout.toMillis() / 3)));
        long request = Math.max(1000, Math.min(30_000, connectTimeout.toMillis() / 2));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(connectTimeout.toMillis(), request + 5)));
        if (transactional) {
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        return props;
    }
}
