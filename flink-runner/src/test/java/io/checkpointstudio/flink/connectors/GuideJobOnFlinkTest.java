package io.checkpointstudio.flink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.connector.postgres.PostgresSinkTestHooks;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.flink.run.LocalFlinkRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's job, {@code sample-jobs/clicks-kafka-to-postgres.job.json} as shipped, on Flink: Flink's Kafka
 * source reads 200,000 clicks of 1,000 users from a 4-partition topic of a real broker, Flink's JDBC sink
 * upserts the per-user counts into the local PostgreSQL. Only the addresses, the table (fresh per run),
 * the checkpoint folder and interval, a restart strategy and a bounded source are changed. Whatever
 * happens, the table ends equal to {@link ClicksOracle#countsPerUser}, and the embedded engine writes the
 * same table from the same document.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GuideJobOnFlinkTest {
    private static final long EVENTS = 200_000;
    private static final int USERS = 1000;
    private static final long SEED = 42;

    private static String bootstrap;
    private static String topic;

    @TempDir
    Path checkpoints;
    private final List<String> tables = new ArrayList<>();

    @BeforeAll
    static void clicksInKafka() throws Exception {
        TestServers.requirePostgres();
        bootstrap = Servers.kafka();
        topic = "clicks-" + Servers.unique();
        Servers.createTopic(bootstrap, topic, 4);
        ClickProducer.produce(bootstrap, topic, EVENTS, USERS, SEED, 0);
    }

    @AfterEach
    void dropTables() throws Exception {
        Servers.dropTables(tables);
        // the embedded engine's exactly-once sink keeps a row per run, table and subtask in its commits table
        try (Connection c = Servers.postgres(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DELETE FROM " + PostgresSinkTestHooks.commitsTable() + " WHERE job_name = '" + jobName(table) + "'");
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // no commits table: the engine never ran an exactly-once sink here
                throw e;
            }
        }
    }

    @Test
    void exactlyOnce_tableEqualsTheOracle_andTheEngineWritesTheSameTable() throws Exception {
        String onFlink = table();
        LocalFlinkRun.run(validate(job(onFlink, Map.of())));

        assertThat(Servers.table(onFlink, "userId", "clicks")).isEqualTo(oracle());

        String onEngine = table();
        try (JobExecution execution = JobExecution.start(validate(job(onEngine, Map.of())), RunOptions.defaults())) {
            JobResult result = execution.result().get(60, TimeUnit.SECONDS);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        }
        assertThat(Servers.table(onEngine, "userId", "clicks")).as("the embedded engine's table").isEqualTo(Servers.table(onFlink, "userId", "clicks"));
    }

    @Test
    void exactlyOnce_taskManagerLostMidRun_tableEqualsTheOracle() throws Exception {
        String table = table();

        TaskManagerLoss.Outcome outcome = TaskManagerLoss.run(validate(job(table, Map.of())), 2, Duration.ofSeconds(90));

        assertThat(outcome.status()).as("%s", outcome.failure()).isEqualTo(org.apache.flink.api.common.JobStatus.FINISHED);
        assertThat(outcome.restoredCheckpointId()).as("restored from a completed checkpoint after the loss").isNotNull()
                .isGreaterThanOrEqualTo(2L);
        assertThat(Servers.table(table, "userId", "clicks")).isEqualTo(oracle());
    }

    @Test
    void atLeastOnceUpsert_tableEqualsTheOracle() throws Exception {
        String table = table();

        LocalFlinkRun.run(validate(job(table, Map.of("semantic", "AT_LEAST_ONCE", "batchSize", 500L))));

        assertThat(Servers.table(table, "userId", "clicks")).isEqualTo(oracle());
    }

    // ------------------------------------------------------------------ helpers

    private String table() {
        String t = "flink_guide_" + Servers.unique();
        tables.add(t);
        return t;
    }

    /** The sample with this test's broker, topic and table, a bounded source, checkpoints every 100 ms; {@code sinkParams} override the sink's. */
    private JobDocument job(String table, Map<String, Object> sinkParams) {
        JobDocument doc = JobDocuments.read(TestServers.GUIDE_SAMPLE).document().orElseThrow().withName(jobName(table));
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.interval", "100ms");
        config.put("state.checkpoints.dir", checkpoints.resolve(table).toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 3);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        doc = doc.withConfig(config);
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", bootstrap).withParam("topics", topic)
                .withParam("bounded", true));
        OperatorSpec out = doc.operator("out").orElseThrow().withParam("url", TestServers.PG_URL).withParam("table", table);
        for (var e : sinkParams.entrySet()) {
            out = out.withParam(e.getKey(), e.getValue());
        }
        return doc.withOperator(out);
    }

    private static String jobName(String table) {
        return "flink-guide-" + table;
    }

    private static ValidatedJob validate(JobDocument doc) throws Exception {
        return JobValidator.standard().validate(doc).orThrow();
    }

    private static Map<Long, Long> oracle() {
        long[] counts = ClicksOracle.countsPerUser(EVENTS, USERS, SEED);
        Map<Long, Long> expected = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            if (counts[u] > 0) {
                expected.put((long) u, counts[u]);
            }
        }
        return expected;
    }
}
