package io.checkpointstudio.engine.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL sink against a real server: the tests' embedded one ({@code TestServers}), or the one
 * {@code CHECKPOINT_STUDIO_PG_URL} names (user postgres). Without a reachable server these tests
 * fail, never skip. Each test writes its own table and drops it afterwards.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class PostgresSinkTest {
    static final String URL = io.checkpointstudio.engine.connector.TestServers.PG_URL;
    private static final long EVENTS = 200_000;
    private static final int USERS = 1000;
    private static final long RATE = 100_000;
    private static final long[] EXPECTED = ClicksOracle.countsPerUser(EVENTS, USERS, 42);

    @TempDir
    Path checkpoints;
    private String table;
    private String jobName;

    @BeforeAll
    static void serverIsReachable() {
        io.checkpointstudio.engine.connector.TestServers.requirePostgres();
    }

    @BeforeEach
    void names() {
        String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);
        table = "pg_sink_test_" + suffix;
        jobName = "pg-sink-test-" + suffix;
    }

    @AfterEach
    void dropTable() throws SQLException {
        PostgresSink.failBeforeCommitOfTable = null;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            s.execute("DELETE FROM " + PostgresSink.COMMITS_TABLE + " WHERE job_name = '" + jobName + "'");
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Test
    void exactlyOnce_failureBeforeTheFirstCheckpoint_tableEqualsTheOracle() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("out", 0, 10);
        JobResult result = run(job(upsertSink()), faults);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(faults.hasFired()).isTrue();
        assertTableEqualsOracle();
    }

    @Test
    void exactlyOnce_failureAfterACheckpointCompletedBeforeItsCommit_committedOnceAtRestore() throws Exception {
        FaultInjector faults = new FaultInjector();
        long restoreCommitsBefore = PostgresSink.COMMITS_AT_RESTORE.get();
        AtomicBoolean armed = new AtomicBoolean();
        JobResult result;
        try (JobExecution execution = JobExecution.start(JobHarness.validate(job(upsertSink())), RunOptions.defaults(), faults, null)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 3 && armed.compareAndSet(false, true)) {
                    PostgresSink.failBeforeCommitOfTable = table;
                }
            });
            result = awaitEnd(execution);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).as("restores").hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a completed checkpoint").isGreaterThanOrEqualTo(3);
        }
        assertThat(PostgresSink.failBeforeCommitOfTable).as("the injected failure fired").isNull();
        assertThat(PostgresSink.COMMITS_AT_RESTORE.get()).as("rows of the completed checkpoint committed at restore")
                .isGreaterThan(restoreCommitsBefore);
        assertTableEqualsOracle();
    }

    @Test
    void exactlyOnce_failureAtARandomRecord_tableEqualsTheOracle() throws Exception {
        long seed = System.nanoTime();
        long after = 5_000 + new Random(seed).nextInt(50_000);
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("out", 1, after);
        JobResult result = run(job(upsertSink()), faults);

        assertThat(result.status()).as("job with a failure of the sink after %d records (seed %d)", after, seed).isEqualTo(JobStatus.FINISHED);
        assertThat(faults.hasFired()).isTrue();
        assertTableEqualsOracle();
    }

    @Test
    void atLeastOnceAppend_withAFailure_writesDuplicatesButNeverLess() throws Exception {
        Map<String, Object> params = sinkParams("mode", "APPEND", "semantic", "AT_LEAST_ONCE", "batchSize", 100L);
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("out", 0, 40_000);
        JobResult result = run(job(params), faults);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(faults.hasFired()).isTrue();
        long loggedIn = ClicksOracle.totals(EVENTS, USERS, 42).loggedIn();
        Map<Long, Long> max = new HashMap<>();
        long count = 0;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                count++;
                max.merge(rs.getLong(1), rs.getLong(2), Math::max);
            }
        }
        assertThat(count).as("rows in the append table: replayed rows were written again").isGreaterThan(loggedIn);
        for (int u = 0; u < USERS; u++) {
            if (EXPECTED[u] > 0) {
                assertThat(max.getOrDefault((long) u, 0L)).as("max(clicks) of user %d", u).isGreaterThanOrEqualTo(EXPECTED[u]);
            }
        }
    }

    @Test
    void unreachableServer_failsTheJobNamingHostAndPort() throws Exception {
        Map<String, Object> params = sinkParams("upsertKey", "userId", "url", "jdbc:postgresql://127.0.0.1:1/test", "connectTimeout", "2s");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("restart-strategy.type", "none");
        JobResult result = run(job(params, config), new FaultInjector());

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(messages(result.failure())).contains("127.0.0.1:1").contains("is PostgreSQL running on 127.0.0.1:1? check params.url")
                .containsPattern("after [3-9] attempts");
    }

    @Test
    void missingPasswordVariable_failsTheJobNamingTheVariable() throws Exception {
        Map<String, Object> params = sinkParams("upsertKey", "userId", "passwordEnv", "CHECKPOINT_STUDIO_NO_SUCH_PASSWORD_VAR");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("restart-strategy.type", "none");
        JobResult result = run(job(params, config), new FaultInjector());

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(messages(result.failure())).contains("CHECKPOINT_STUDIO_NO_SUCH_PASSWORD_VAR").contains("is not set");
    }

    @Test
    void hostPort_readsTheUrl() {
        assertThat(PostgresConnect.hostPort("jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo("127.0.0.1:5432");
        assertThat(PostgresConnect.hostPort("jdbc:postgresql://db.example.org/test?ssl=true")).isEqualTo("db.example.org:5432");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> upsertSink() {
        return sinkParams("upsertKey", "userId");
    }

    private Map<String, Object> sinkParams(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", URL);
        p.put("table", table);
        p.putAll(JobHarness.map(keyValues));
        return p;
    }

    private JobDocument job(Map<String, Object> sinkParams) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        config.put("execution.checkpointing.dir", checkpoints.toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 3);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        return job(sinkParams, config);
    }

    private JobDocument job(Map<String, Object> sinkParams, Map<String, Object> config) {
        JobDocument clicks = ClicksJob.document(EVENTS, USERS, 2, config);
        List<OperatorSpec> operators = new ArrayList<>();
        for (OperatorSpec op : clicks.operators()) {
            if (op.id().equals(ClicksJob.SOURCE)) {
                Map<String, Object> p = new LinkedHashMap<>(op.params());
                p.put("eventsPerSecond", RATE);
                operators.add(OperatorSpec.of(op.id(), op.type(), p));
            } else if (op.id().equals(ClicksJob.SINK)) {
                operators.add(OperatorSpec.of("out", PostgresSink.TYPE, sinkParams));
            } else {
                operators.add(op);
            }
        }
        var edges = clicks.edges().stream()
                .map(e -> e.to().equals(ClicksJob.SINK) ? new io.checkpointstudio.engine.job.EdgeSpec(e.from(), "out") : e).toList();
        return new JobDocument(clicks.format(), jobName, null, clicks.config(), operators, edges, Map.of());
    }

    private static JobResult run(JobDocument job, FaultInjector faults) throws Exception {
        try (JobExecution execution = JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), faults, null)) {
            return awaitEnd(execution);
        }
    }

    private static JobResult awaitEnd(JobExecution execution) throws Exception {
        try {
            return execution.result().get(12, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            execution.cancel();
            throw new AssertionError("job did not end within 12 s; status " + execution.status(), e);
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
        int users = 0;
        for (int u = 0; u < USERS; u++) {
            if (EXPECTED[u] > 0) {
                users++;
                assertThat(rows.get((long) u)).as("clicks of user %d", u).isEqualTo(EXPECTED[u]);
            }
        }
        assertThat(rows).as("users in the table").hasSize(users);
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }

    static Connection connect() throws SQLException {
        return io.checkpointstudio.engine.connector.TestServers.connectPostgres();
    }
}
