package io.checkpointstudio.engine.runtime;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * checkpoint-studio.task.no-progress-timeout: a task stuck in one batch fails, naming the operator and the
 * expression, its thread stops (or, when it ignores the interrupt, the job ends without it); tasks that wait
 * for input are not failed. The blocked sink uses the PostgreSQL server on this machine (see TestServers).
 */
class NoProgressWatchdogTest {
    /** About two seconds per record with RE2/J; hours with java.util.regex. */
    private static final String SLOW_MATCH = "\"a\".repeat(1000000).matches(\"(.*a){50}\")";

    @Test
    void filterStuckInOneBatch_failsNamingTheOperatorAndTheCondition_andItsThreadStops() throws Exception {
        long start = System.nanoTime();
        JobResult result = JobHarness.run(chain(map("checkpoint-studio.task.no-progress-timeout", "1s"),
                op("numbers", "datagen-sequence", "from", 0, "to", 3),
                op("slow-filter", "filter", "condition", SLOW_MATCH),
                op("out", "collect")));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).isInstanceOf(NoProgressException.class);
        assertThat(result.failure().getMessage())
                .startsWith("operator 'slow-filter' (filter) made no progress for 1s: one batch of records kept its"
                        + " thread busy evaluating its condition `" + SLOW_MATCH + "`")
                .contains("raise checkpoint-studio.task.no-progress-timeout");
        assertThat(seconds).isLessThan(15);
        awaitNoThreadNamed("slow-filter", 10_000);
    }

    @Test
    void mapStuckInOneBatch_namesTheField() throws Exception {
        JobResult result = JobHarness.run(chain(map("checkpoint-studio.task.no-progress-timeout", "1s"),
                op("numbers", "datagen-sequence", "from", 0, "to", 3),
                op("slow-map", "map", "fields", map("value", "value", "matched", SLOW_MATCH + " && value >= 0")),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().getMessage()).startsWith("operator 'slow-map' (map) made no progress for 1s:"
                + " one batch of records kept its thread busy evaluating field `matched` `" + SLOW_MATCH + " && value >= 0`");
        awaitNoThreadNamed("slow-map", 10_000);
    }

    @Test
    void sinkBlockedOnTheNetwork_ignoresTheInterrupt_andDoesNotKeepTheJobFromEnding() throws Exception {
        TestServers.requirePostgres();
        String table = "no_progress_test_" + Long.toString(System.nanoTime(), 36);
        try (Connection lock = TestServers.connectPostgres()) {
            try (Statement s = lock.createStatement()) {
                s.execute("CREATE TABLE \"" + table + "\" (value BIGINT PRIMARY KEY)");
            }
            // An uncommitted row with the key the sink writes first: its upsert waits on a socket read, which
            // Java's interrupt does not end.
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("INSERT INTO \"" + table + "\" VALUES (0)");
            }
            JobRun run = JobRun.start(chain(map("checkpoint-studio.task.no-progress-timeout", "1s"),
                    op("numbers", "datagen-sequence", "from", 0, "to", 3),
                    op("blocked-sink", "postgres-sink", "url", TestServers.PG_URL, "table", table, "mode", "UPSERT",
                            "upsertKey", "value", "semantic", "AT_LEAST_ONCE", "batchSize", 1)));
            long start = System.nanoTime();
            JobResult result = JobHarness.awaitEnd(run.execution());
            long millis = (System.nanoTime() - start) / 1_000_000L;

            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            assertThat(result.failure().getMessage()).startsWith(
                    "operator 'blocked-sink' (postgres-sink) made no progress for 1s: one batch of records kept its thread busy;");
            assertThat(run.notices()).anyMatch(n -> n.contains("did not stop within") && n.contains("finishes in the background"));
            assertThat(millis).as("ended without waiting for the blocked sink").isLessThan(15_000);
            assertThat(liveThreadNamed("blocked-sink")).as("the sink is still blocked").isTrue();

            lock.rollback();
            awaitNoThreadNamed("blocked-sink", 20_000);
        } finally {
            try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
    }

    @Test
    void tasksWaitingForInput_areNotFailed() throws Exception {
        JobResult result = JobHarness.run(chain(map("checkpoint-studio.task.no-progress-timeout", "100ms"),
                op("numbers", "datagen-sequence", "from", 1, "to", 60, "eventsPerSecond", 40),
                op("even", "filter", "condition", "value % 2 == 0"),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).hasSize(30);
    }

    private static boolean liveThreadNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().contains(part));
    }

    private static void awaitNoThreadNamed(String part, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!liveThreadNamed(part)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("a thread named like " + part + " is still running after " + millis + " ms");
    }

    /** A started job, and the notices it published (kept by its event bus when published, so none is missed). */
    private record JobRun(JobExecution execution) {
        static JobRun start(JobDocument doc) throws Exception {
            return new JobRun(JobExecution.start(JobHarness.validate(doc), RunOptions.defaults()));
        }

        List<String> notices() {
            return execution.events().recent().stream()
                    .filter(e -> e instanceof EngineEvent.Notice)
                    .map(e -> ((EngineEvent.Notice) e).message())
                    .toList();
        }
    }
}
