package io.checkpointstudio.engine.connector.kafka;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka operators take no client properties (so no SASL or JAAS configuration), but the client would
 * silently accept and ignore {@code user:password@host:port} in the bootstrap servers: validation refuses it.
 */
class KafkaBootstrapCredentialsTest {
    private static final List<Map<String, Object>> SCHEMA = List.of(map("name", "value", "type", "long"));

    @Test
    void credentialsInTheBootstrapServers_areRefusedForSourceAndSink_withoutRepeatingThem() {
        String servers = "localhost:9092,app:s3cr3t@localhost:9093";
        JobDocument source = chain(map(),
                op("in", "kafka-source", "bootstrapServers", servers, "topics", "numbers", "schema", SCHEMA),
                op("out", "collect"));
        JobDocument sink = chain(map(),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("out", "kafka-sink", "bootstrapServers", servers, "topic", "copies"));

        for (JobDocument job : List.of(source, sink)) {
            assertThat(JobValidator.standard().validate(job).problems()).singleElement().satisfies(p -> {
                assertThat(p.isError()).isTrue();
                assertThat(p.path()).endsWith("bootstrapServers");
                assertThat(p.message()).contains("host:port").doesNotContain("s3cr3t");
            });
        }
    }

    @Test
    void plainHostsAndPorts_pass() {
        JobDocument job = chain(map(),
                op("in", "kafka-source", "bootstrapServers", "broker-1:9092,[::1]:9093", "topics", "numbers", "schema", SCHEMA),
                op("out", "kafka-sink", "bootstrapServers", "broker-1:9092", "topic", "copies"));

        assertThat(JobValidator.standard().validate(job).problems()).isEmpty();
    }
}
