package io.checkpointstudio.engine.connector.kafka;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kafka.testkit.KafkaClusterTestKit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Kafka source does per partition, against a real KRaft broker in this JVM: partitions added to
 * a topic while the job runs are found and read exactly once, and event time advances per partition, with
 * a partition that stops receiving data left out once it has been idle for {@code idleTimeout}.
 */
class KafkaSourcePartitionsTest {
    private static final int USERS = 1000;
    private static KafkaClusterTestKit cluster;
    private static String bootstrap;
    private static Admin admin;

    @TempDir
    Path dir;
    private final String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = TestServers.startKafka();
        bootstrap = cluster.bootstrapServers();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void partitionsAddedWhileTheJobRuns_areReadFromTheirStart_countsExact() throws Exception {
        TestServers.requirePostgres();
        String topic = "grow-" + suffix;
        String table = "grow_" + suffix;
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        ClickProducer.produce(bootstrap, topic, 40_000, USERS, 1, 0);

        JobDocument job = guideJob(topic, table);
        try (JobExecution execution = JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), new FaultInjector(), null)) {
            long[] first = ClicksOracle.countsPerUser(40_000, USERS, 1);
            awaitTrue(() -> tableEquals(table, first), 30, "the counts of the first 40,000 clicks in " + table);

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get(30, TimeUnit.SECONDS);
            ClickProducer.produce(bootstrap, topic, 40_000, USERS, 2, 0); // keyed by user: spread over all four partitions

            long[] second = ClicksOracle.countsPerUser(40_000, USERS, 2);
            long[] both = new long[USERS];
            for (int u = 0; u < USERS; u++) {
                both[u] = first[u] + second[u];
            }
            awaitTrue(() -> tableEquals(table, both), 40, "the counts of all 80,000 clicks in " + table + " (partitions 2 and 3 read)");
            // the metrics are sampled every 100 ms, so the count can trail the table for a moment
            awaitTrue(() -> recordsOut(execution, "clicks") >= 80_000, 10, "the source's record count to reach 80,000");
            assertThat(recordsOut(execution, "clicks")).as("records read: every click once").isEqualTo(80_000);
            execution.cancel();
        } finally {
            try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
    }

    @Test
    void aPartitionThatStopsReceivingData_isIdleAfterTheTimeout_andWindowsFire() throws Exception {
        String topic = "idle-" + suffix;
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            produceEventTimes(producer, topic);
            try (JobExecution execution = JobExecution.start(JobHarness.validate(windowJob(topic, "1s")), RunOptions.defaults())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long ts = 5000;
                // partition 0 goes on receiving data; partition 1 has had none since event time 450
                while (recordsOut(execution, "window") < 4) {
                    assertThat(System.nanoTime()).as("the windows [0,1s) to [3s,4s) fire once partition 1 is idle").isLessThan(deadline);
                    producer.send(new ProducerRecord<>(topic, 0, null, "{\"userId\":1,\"ts\":" + ts + "}"));
                    producer.flush();
                    ts += 100;
                    Thread.sleep(100);
                }
                execution.cancel();
            }
        }
    }

    @Test
    void withoutIdleTimeout_aPartitionThatStoppedHoldsTheWindowsBack() throws Exception {
        String topic = "held-" + suffix;
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            produceEventTimes(producer, topic);
            try (JobExecution execution = JobExecution.start(JobHarness.validate(windowJob(topic, "0ms")), RunOptions.defaults())) {
                awaitTrue(() -> recordsOut(execution, "clicks") == 60, 30, "every record read");
                // partition 0 goes on for 3 s (longer than the other test's idle timeout), partition 1's watermark stays at 449
                for (long ts = 5000; ts < 8000; ts += 100) {
                    producer.send(new ProducerRecord<>(topic, 0, null, "{\"userId\":1,\"ts\":" + ts + "}"));
                    producer.flush();
                    Thread.sleep(100);
                }
                awaitTrue(() -> recordsOut(execution, "clicks") == 90, 30, "every record read");
                assertThat(recordsOut(execution, "window")).as("windows fired while partition 1 holds the watermark at 449").isZero();
                execution.cancel();
            }
        }
    }

    @Test
    void watermarkIntervalZero_sendsNoWatermarkWhileTheSourceRuns() throws Exception {
        // As in Flink, pipeline.auto-watermark-interval 0 turns periodic watermarks off; the source used to send its
        // watermark after every poll, and the windows [0,1s) to [3s,4s) fired.
        String topic = "no-periodic-" + suffix;
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            for (long ts = 0; ts < 5000; ts += 100) {
                producer.send(new ProducerRecord<>(topic, 0, null, "{\"userId\":1,\"ts\":" + ts + "}"));
            }
            producer.flush();
            JobDocument job = windowJob(topic, "0ms").withConfigValue("pipeline.auto-watermark-interval", "0");
            try (JobExecution execution = JobExecution.start(JobHarness.validate(job), RunOptions.defaults())) {
                awaitTrue(() -> recordsOut(execution, "clicks") == 50, 30, "every record read");
                Thread.sleep(1000);
                assertThat(recordsOut(execution, "window")).as("windows fired without a watermark").isZero();
                execution.cancel();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Partition 0: event times 0 to 4,900 (every 100 ms); partition 1: 0 to 450, then nothing. */
    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void produceEventTimes(KafkaProducer<String, String> producer, String topic) {
        {
            for (long ts = 0; ts < 5000; ts += 100) {
                producer.send(new ProducerRecord<>(topic, 0, null, "{\"userId\":1,\"ts\":" + ts + "}"));
            }
            for (long ts = 0; ts < 500; ts += 50) {
                producer.send(new ProducerRecord<>(topic, 1, null, "{\"userId\":2,\"ts\":" + ts + "}"));
            }
            producer.flush();
        }
    }

    private JobDocument windowJob(String topic, String idleTimeout) {
        List<Map<String, Object>> schema = List.of(map("name", "userId", "type", "long"), map("name", "ts", "type", "long"));
        return chain(map("parallelism.default", 1),
                op("clicks", "kafka-source", "bootstrapServers", bootstrap, "topics", topic, "schema", schema,
                        "eventTimeField", "ts", "maxOutOfOrderness", "0ms", "idleTimeout", idleTimeout),
                op("by-user", "key-by", "key", "userId"),
                op("window", "window", "kind", "TUMBLING", "size", "1s", "timeField", "ts", "aggregate", "COUNT"),
                op("out", "collect"));
    }

    /** The guide's sample, unbounded, looking for new partitions every 300 ms, upserting into {@code table}. */
    private JobDocument guideJob(String topic, String table) {
        JobDocument doc = JobDocuments.read(TestServers.GUIDE_SAMPLE).document().orElseThrow().withName("grow-" + suffix);
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.interval", "100ms");
        config.put("state.checkpoints.dir", dir.toString());
        doc = doc.withConfig(config);
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", bootstrap).withParam("topics", topic)
                .withParam("partitionDiscoveryInterval", "300ms"));
        OperatorSpec out = doc.operator("out").orElseThrow().withParam("url", TestServers.PG_URL).withParam("table", table);
        return doc.withOperator(out);
    }

    private static long recordsOut(JobExecution execution, String operator) {
        return execution.metrics().operator(operator).map(OperatorFigures::recordsOut).orElse(0L);
    }

    private static boolean tableEquals(String table, long[] counts) {
        Map<Long, Long> rows = new HashMap<>();
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            return false; // not created yet
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int u = 0; u < counts.length; u++) {
            if (counts[u] > 0) {
                expected.put((long) u, counts[u]);
            }
        }
        return rows.equals(expected);
    }

    private static void awaitTrue(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
