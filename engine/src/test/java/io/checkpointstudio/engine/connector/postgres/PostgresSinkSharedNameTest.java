package io.checkpointstudio.engine.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two job documents with the same {@code name}, each with an EXACTLY_ONCE APPEND postgres-sink into a table of
 * its own, run one after the other while the first one's process dies ({@link JobExecution#crash()}, the
 * in-process kill -9) and is resumed from its retained checkpoint afterwards. The second job must never
 * change what the first one's restore finds, so the first table ends with every running count exactly once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PostgresSinkSharedNameTest {
    private static final long EVENTS = 100_000;
    private static final int USERS = 500;
    private static final long[] EXPECTED = ClicksOracle.countsPerUser(EVENTS, USERS, 42);

    @TempDir
    Path checkpoints;
    private String name;
    private String tableA;
    private String tableB;

    @BeforeAll
    static void serverIsReachable() {
        TestServers.requirePostgres();
    }

    @BeforeEach
    void names() {
        String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);
        name = "pg-shared-name-" + suffix;
        tableA = "pg_shared_a_" + suffix;
        tableB = "pg_shared_b_" + suffix;
    }

    @AfterEach
    void dropTables() throws SQLException {
        PostgresSink.failBeforeCommitOfTable = null;
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + tableA + "\"");
            s.execute("DROP TABLE IF EXISTS \"" + tableB + "\"");
            s.execute("DELETE FROM " + PostgresSink.COMMITS_TABLE + " WHERE job_name = '" + name + "'");
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Run A, kill it right after its first commit; start B (same name, other table) and kill it once its sinks
     * are open; resume A from its checkpoint folder. The restore must find A's own mark (its rows of the
     * restored checkpoint are in the table), not one B's start reset: every row once, none twice.
     */
    @Test
    void killedAfterItsFirstCommit_anotherJobOfTheNameStartsAndIsKilled_theResumeWritesEveryRowOnce() throws Exception {
        Map<String, Object> configA = config();
        // the first checkpoint 2 s after the start, the next no sooner than 2 s after it: none between the first commit and the kill
        configA.put("execution.checkpointing.min-pause", "2s");
        JobDocument a = job(tableA, configA, 20_000);
        Path jobDirA;
        try (JobExecution first = start(a, null)) {
            await("A's first commit", () -> rowCount(tableA) > 0, 20);
            first.crash();
            assertThat(JobHarness.awaitEnd(first).status()).isEqualTo(JobStatus.FAILED);
            jobDirA = checkpoints.resolve(first.jobId());
        }
        assertThat(rowCount(tableA)).as("rows of A's first checkpoint committed before the kill").isPositive();

        Map<String, Object> configB = config();
        configB.put("execution.checkpointing.interval", "1h"); // B is killed before it ever commits
        try (JobExecution b = start(job(tableB, configB, 50_000), null)) {
            await("B's sink subtasks open", () -> b.metrics().operator("out")
                    .map(o -> o.subtasks().size() == 2 && o.subtasks().stream().allMatch(s -> s.recordsIn() > 0)).orElse(false), 20);
            b.crash();
            JobHarness.awaitEnd(b);
        }

        JobResult resumed = resume(a, jobDirA);

        assertThat(resumed.status()).as("%s", resumed.failure()).isEqualTo(JobStatus.FINISHED);
        assertEveryRunningCountOnce(tableA);
    }

    /**
     * Kill A while its first commit is in flight (the checkpoint completed, its rows are not written), then run
     * B (same name, other table) through its checkpoints to the end, then resume A: A's restore must commit the
     * rows of its completed checkpoint, which B's marks must not claim as written.
     */
    @Test
    void killedWhileItsFirstCommitWasInFlight_anotherJobOfTheNameCommits_theResumeWritesEveryRowOnce() throws Exception {
        Map<String, Object> configA = config();
        configA.put("restart-strategy.type", "none"); // the failed commit ends the run as a kill would
        JobDocument a = job(tableA, configA, 50_000);
        PostgresSink.failBeforeCommitOfTable = tableA;
        Path jobDirA;
        try (JobExecution first = start(a, null)) {
            assertThat(JobHarness.awaitEnd(first).status()).isEqualTo(JobStatus.FAILED);
            jobDirA = checkpoints.resolve(first.jobId());
        }
        assertThat(PostgresSink.failBeforeCommitOfTable).as("A's first commit failed").isNull();

        try (JobExecution b = start(job(tableB, config(), 100_000), null)) {
            JobResult result = JobHarness.awaitEnd(b);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(b.checkpoints().counts().completed()).as("B's completed checkpoints").isGreaterThanOrEqualTo(2);
        }
        assertEveryRunningCountOnce(tableB);

        JobResult resumed = resume(a, jobDirA);

        assertThat(resumed.status()).as("%s", resumed.failure()).isEqualTo(JobStatus.FINISHED);
        assertEveryRunningCountOnce(tableA);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        config.put("execution.checkpointing.dir", checkpoints.toString());
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        return config;
    }

    /** The clicks workload's running counts, appended to {@code table} by the sink "out", in a job named {@link #name}. */
    private JobDocument job(String table, Map<String, Object> config, long eventsPerSecond) {
        JobDocument clicks = ClicksJob.document(EVENTS, USERS, 2, config);
        List<OperatorSpec> operators = new ArrayList<>();
        for (OperatorSpec op : clicks.operators()) {
            if (op.id().equals(ClicksJob.SOURCE)) {
                operators.add(op.withParam("eventsPerSecond", eventsPerSecond));
            } else if (!op.id().equals(ClicksJob.SINK)) {
                operators.add(op);
            }
        }
        operators.add(OperatorSpec.of("out", PostgresSink.TYPE, Map.of("url", TestServers.PG_URL, "table", table, "mode", "APPEND")));
        List<EdgeSpec> edges = clicks.edges().stream().map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), "out") : e).toList();
        return new JobDocument(clicks.format(), name, null, clicks.config(), operators, edges, Map.of());
    }

    private static JobExecution start(JobDocument job, Path from) throws Exception {
        return JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), new FaultInjector(), from);
    }

    /** {@code run --from <job folder>}: the newest valid checkpoint of the folder. */
    private static JobResult resume(JobDocument job, Path jobDir) throws Exception {
        Path latest = SnapshotPaths.resolve(jobDir, s -> { });
        try (JobExecution resumed = start(job, latest)) {
            return JobHarness.awaitEnd(resumed);
        }
    }

    private static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %d s", what, seconds).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static long rowCount(String table) {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not created yet
            }
            throw new IllegalStateException(e);
        }
    }

    /** The APPEND table holds, for each user, the running counts 1, 2, ..., its oracle count, each exactly once. */
    private static void assertEveryRunningCountOnce(String table) throws SQLException {
        Map<Long, List<Long>> counts = new HashMap<>();
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\" ORDER BY \"userId\", \"clicks\"")) {
            while (rs.next()) {
                counts.computeIfAbsent(rs.getLong(1), u -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        long rows = counts.values().stream().mapToLong(List::size).sum();
        assertThat(rows).as("rows in %s (every logged-in click once)", table).isEqualTo(ClicksOracle.totals(EVENTS, USERS, 42).loggedIn());
        for (int u = 0; u < USERS; u++) {
            List<Long> expected = new ArrayList<>();
            for (long n = 1; n <= EXPECTED[u]; n++) {
                expected.add(n);
            }
            assertThat(counts.getOrDefault((long) u, List.of())).as("running counts of user %d in %s", u, table).isEqualTo(expected);
        }
    }
}
