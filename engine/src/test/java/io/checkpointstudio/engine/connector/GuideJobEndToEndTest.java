package io.checkpointstudio.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.connector.postgres.PostgresSinkTestHooks;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import kafka.testkit.KafkaClusterTestKit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's job, {@code sample-jobs/clicks-kafka-to-postgres.job.json} as shipped, end to end: a real
 * KRaft broker in this JVM (one for the class) holding 200,000 clicks of 1,000 users in a 4-partition topic,
 * the job read from the sample file with only its addresses, table, checkpoint dir and interval rewritten
 * (and the source bounded, so the job finishes), and the tests' PostgreSQL server ({@link TestServers}:
 * the project's embedded one unless {@code CHECKPOINT_STUDIO_PG_URL} names another). Whatever fails where, the table ends equal to {@link ClicksOracle#countsPerUser}. Without a
 * reachable server these tests fail, never skip.
 */
class GuideJobEndToEndTest {
    static final Path SAMPLE = Path.of("../sample-jobs/clicks-kafka-to-postgres.job.json");
    static final String PG_URL = TestServers.PG_URL;
    private static final String TOPIC = "clicks";
    private static final long EVENTS = 200_000;
    private static final int USERS = 1000;
    private static final long SEED = 42;
    private static final long[] EXPECTED = ClicksOracle.countsPerUser(EVENTS, USERS, SEED);
    private static final long RUN_TIMEOUT_SECONDS = 20;
    /** Per filtered record, so a run takes about a second and several 100 ms checkpoints complete. */
    private static final long SLOW_MICROS = 10;

    private static KafkaClusterTestKit cluster;
    private static String bootstrap;

    @TempDir
    Path checkpoints;
    private String table;
    private String jobName;

    @BeforeAll
    static void startBrokerAndProduceClicks() throws Exception {
        TestServers.requirePostgres();
        cluster = io.checkpointstudio.engine.connector.TestServers.startKafka();
        bootstrap = cluster.bootstrapServers();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        ClickProducer.produce(bootstrap, TOPIC, EVENTS, USERS, SEED, 0);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void names() {
        String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);
        table = "guide_e2e_" + suffix;
        jobName = "guide-e2e-" + suffix;
    }

    @AfterEach
    void dropTable() throws SQLException {
        PostgresSinkTestHooks.disarm();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            s.execute("DELETE FROM " + PostgresSinkTestHooks.commitsTable() + " WHERE job_name = '" + jobName + "'");
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Test
    void sampleAsShipped_isTheGuidesJob() {
        JobDocument doc = sample();
        assertThat(doc.operators().stream().map(OperatorSpec::type))
                .containsExactly("kafka-source", "filter", "map", "key-by", "sum", "postgres-sink");
        assertThat(doc.operator("clicks").orElseThrow().params()).containsEntry("bootstrapServers", "local").containsEntry("topics", "clicks");
        assertThat(doc.operator("out").orElseThrow().params()).containsEntry("table", "clicks_per_user")
                .containsEntry("mode", "UPSERT").containsEntry("upsertKey", "userId").containsEntry("semantic", "EXACTLY_ONCE");
        assertThat(doc.config()).containsEntry("execution.checkpointing.interval", "10s")
                .containsEntry("state.backend.type", "rocksdb").containsEntry("state.checkpoints.dir", "target/checkpoints");
        assertThat(JobValidator.standard().validate(doc).errors()).isEmpty();
    }

    @Test
    void withoutFailure_tableEqualsTheOracle_andPrintsTheThroughput() throws Exception {
        long start = System.nanoTime();
        JobResult result = run(job(Map.of()), new FaultInjector());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        assertTableEqualsOracle();
        System.out.printf("GuideJobEndToEndTest throughput: %,d events in %.2f s = %,.0f events/s"
                        + " (kafka-source -> ... -> postgres-sink EXACTLY_ONCE UPSERT, parallelism 2, rocksdb incremental,"
                        + " checkpoint every 100 ms, start to FINISHED incl. job start-up)%n",
                EVENTS, seconds, EVENTS / seconds);
    }

    @Test
    void exactlyOnce_failureBeforeTheFirstCheckpoint_tableEqualsTheOracle() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("clicks", 0, 100);
        try (JobExecution execution = start(job(Map.of()), faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(faults.hasFired()).isTrue();
            assertThat(execution.restores()).as("restores").hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("no checkpoint yet: a fresh start").isLessThanOrEqualTo(0);
        }
        assertTableEqualsOracle();
    }

    @Test
    void exactlyOnce_failureOfTheSumInTheMiddle_tableEqualsTheOracle() throws Exception {
        long seed = System.nanoTime();
        long after = 10_000 + new Random(seed).nextInt(30_000);
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", SLOW_MICROS);
        faults.failAfterRecords("per-user", 1, after);
        try (JobExecution execution = start(job(Map.of()), faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).as("failure of per-user after %d records (seed %d): %s", after, seed, result.failure())
                    .isEqualTo(JobStatus.FINISHED);
            assertThat(faults.hasFired()).isTrue();
            assertThat(execution.restores()).as("restores").hasSize(1);
        }
        assertTableEqualsOracle();
    }

    @Test
    void exactlyOnce_failureRightAfterACheckpointCompleted_tableEqualsTheOracle() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", SLOW_MICROS);
        AtomicLong failedAfter = new AtomicLong();
        try (JobExecution execution = start(job(Map.of()), faults)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNow("per-user", -1);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).as("a failure was injected after a completed checkpoint").isPositive();
            assertThat(execution.restores()).as("restores").isNotEmpty();
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a completed checkpoint").isGreaterThanOrEqualTo(2);
        }
        assertTableEqualsOracle();
    }

    @Test
    void exactlyOnce_failureAfterACheckpointCompletedBeforeTheSinkCommitted_committedOnceAtRestore() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", SLOW_MICROS);
        long restoreCommitsBefore = PostgresSinkTestHooks.commitsAtRestore();
        AtomicLong armedAt = new AtomicLong();
        try (JobExecution execution = start(job(Map.of()), faults)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && armedAt.compareAndSet(0, c.checkpointId())) {
                    PostgresSinkTestHooks.failBeforeNextCommitOf(table);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(armedAt.get()).isPositive();
            assertThat(PostgresSinkTestHooks.commitFailureArmed()).as("the injected failure fired").isFalse();
            assertThat(execution.restores()).as("restores").hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a completed checkpoint").isGreaterThanOrEqualTo(2);
        }
        assertThat(PostgresSinkTestHooks.commitsAtRestore()).as("rows of the completed checkpoint committed at restore")
                .isGreaterThan(restoreCommitsBefore);
        assertTableEqualsOracle();
    }

    @Test
    void atLeastOnceAppend_withAFailure_duplicatesButNothingMissing() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", SLOW_MICROS);
        AtomicLong failedAfter = new AtomicLong();
        JobDocument job = job(Map.of("mode", "APPEND", "semantic", "AT_LEAST_ONCE", "batchSize", 100L));
        try (JobExecution execution = start(job, faults)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                    // fail once the sink has written rows after this checkpoint, so that the restore replays them:
                    // failing at once can come before the sink's next batch and leave nothing to duplicate (the
                    // metrics may be 100 ms old, hence the margin)
                    execution.metrics().operator("per-user").ifPresent(o -> o.subtasks().forEach(
                            st -> faults.failAfterRecords("per-user", st.subtask(), st.recordsIn() + 15_000)));
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).isPositive();
            assertThat(execution.restores()).as("the failure came before the end of the input").isNotEmpty();
        }
        long loggedIn = ClicksOracle.totals(EVENTS, USERS, SEED).loggedIn();
        Map<Long, Long> max = new HashMap<>();
        long rows = 0;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                rows++;
                max.merge(rs.getLong(1), rs.getLong(2), Math::max);
            }
        }
        assertThat(rows).as("rows in the append table: replayed rows were written again").isGreaterThan(loggedIn);
        for (int u = 0; u < USERS; u++) {
            if (EXPECTED[u] > 0) {
                assertThat(max.getOrDefault((long) u, 0L)).as("max(clicks) of user %d", u).isEqualTo(EXPECTED[u]);
            }
        }
        assertThat(max).as("users in the table").hasSize((int) java.util.Arrays.stream(EXPECTED).filter(n -> n > 0).count());
    }

    // ------------------------------------------------------------------ helpers

    private static JobDocument sample() {
        JobDocuments.ReadResult read = JobDocuments.read(SAMPLE);
        assertThat(read.problems().stream().filter(Problem::isError)).as("reading %s", SAMPLE.toAbsolutePath().normalize()).isEmpty();
        return read.document().orElseThrow();
    }

    /** The sample with this test's broker, table, job name, checkpoint dir and interval; {@code sinkParams} override the sink's. */
    private JobDocument job(Map<String, Object> sinkParams) {
        JobDocument doc = sample().withName(jobName);
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.interval", "100ms");
        config.put("state.checkpoints.dir", checkpoints.toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 3);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        doc = doc.withConfig(config);
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", bootstrap).withParam("bounded", true));
        OperatorSpec out = doc.operator("out").orElseThrow().withParam("url", PG_URL).withParam("table", table);
        for (var e : sinkParams.entrySet()) {
            out = out.withParam(e.getKey(), e.getValue());
        }
        return doc.withOperator(out);
    }

    private static JobExecution start(JobDocument doc, FaultInjector faults) throws Exception {
        return JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults(), faults, null);
    }

    private static JobResult run(JobDocument doc, FaultInjector faults) throws Exception {
        try (JobExecution execution = start(doc, faults)) {
            return awaitEnd(execution);
        }
    }

    private static JobResult awaitEnd(JobExecution execution) throws Exception {
        try {
            return execution.result().get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            execution.cancel();
            throw new AssertionError("job did not end within " + RUN_TIMEOUT_SECONDS + " s; status " + execution.status(), e);
        }
    }

    private void assertTableEqualsOracle() throws SQLException {
        Map<Long, Long> rows = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                assertThat(rows.put(rs.getLong(1), rs.getLong(2))).as("user %d appears once", rs.getLong(1)).isNull();
            }
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            if (EXPECTED[u] > 0) {
                expected.put((long) u, EXPECTED[u]);
            }
        }
        assertThat(rows).isEqualTo(expected);
    }

    private static Connection connect() throws SQLException {
        return TestServers.connectPostgres();
    }
}
