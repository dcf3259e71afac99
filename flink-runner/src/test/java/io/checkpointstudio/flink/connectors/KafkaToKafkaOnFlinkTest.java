package io.checkpointstudio.flink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-source to kafka-sink EXACTLY_ONCE on Flink, with a task manager lost in the middle: Flink's Kafka
 * sink writes one transaction per checkpoint and subtask, the restore aborts what the lost attempt left
 * open, and a read_committed consumer of the output topic sees every input record exactly once, each
 * written as the engine's kafka-sink writes it (the same JSON, keyed by the user).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaToKafkaOnFlinkTest {
    private static final long EVENTS = 200_000;

    @TempDir
    Path checkpoints;

    @Test
    void exactlyOnce_taskManagerLostMidRun_readCommittedSeesEachRecordOnce() throws Exception {
        String bootstrap = Servers.kafka();
        String in = "flink-in-" + Servers.unique();
        String out = "flink-out-" + Servers.unique();
        Servers.createTopic(bootstrap, in, 4);
        Servers.createTopic(bootstrap, out, 3);
        ClickProducer.produce(bootstrap, in, EVENTS, 1000, 7, 0);
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "kafka-to-kafka-%s",
                 "config": {"parallelism.default": 2, "execution.checkpointing.interval": "100ms",
                            "execution.checkpointing.dir": "%s", "restart-strategy.type": "fixed-delay",
                            "restart-strategy.fixed-delay.attempts": 3, "restart-strategy.fixed-delay.delay": "0ms"},
                 "operators": [
                   {"id": "clicks", "type": "kafka-source", "params": {"bootstrapServers": "%s", "topics": "%s", "bounded": true,
                     "schema": [{"name": "userId", "type": "long"}, {"name": "loggedIn", "type": "boolean"}, {"name": "ts", "type": "long"}]}},
                   {"id": "copy", "type": "kafka-sink", "params": {"bootstrapServers": "%s", "topic": "%s", "keyField": "userId",
                     "semantic": "EXACTLY_ONCE"}}],
                 "edges": [["clicks", "copy"]]}
                """.formatted(in, checkpoints.toUri(), bootstrap, in, bootstrap, out)).document().orElseThrow()).orThrow();

        TaskManagerLoss.Outcome outcome = TaskManagerLoss.run(job, 2, Duration.ofSeconds(90));

        assertThat(outcome.status()).as("%s", outcome.failure()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.restoredCheckpointId()).as("restored from a completed checkpoint after the loss").isNotNull();
        List<String> input = readCommitted(bootstrap, in);
        List<String> output = readCommitted(bootstrap, out);
        assertThat(input).hasSize((int) EVENTS);
        input.sort(null);
        output.sort(null);
        assertThat(output).as("every input record once, the same key and JSON").isEqualTo(input);
    }

    /** Every committed record of the topic as "key value", read to the end of each partition. */
    private static List<String> readCommitted(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + ends + " in 30 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r.key() + " " + r.value());
                }
            }
        }
        return records;
    }
}
