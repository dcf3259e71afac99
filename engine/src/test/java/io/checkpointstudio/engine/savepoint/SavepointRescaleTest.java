package io.checkpointstudio.engine.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Savepoints taken from a running job restore exactly, also at another parallelism. */
class SavepointRescaleTest {
    private static final long EVENTS = 400_000;
    private static final int USERS = 2_000;

    @TempDir
    Path dir;

    @Test
    void stopWithSavepoint_thenRestoreAt4_thenSavepointAgain_andRestoreAt1_givesTheOracleCounts() throws Exception {
        // given a rate-limited clicks job at parallelism 2
        Map<Long, Long> last = new HashMap<>();
        Path first = runUntilStopped(2, null, last);

        // when it is restored at 4 and stopped again, then restored at 1 and run to the end
        Path second = runUntilStopped(4, first, last);
        JobResult end = run(job(1, 0), second);

        // then every user's final running count equals the oracle
        collect(end, last);
        long[] expected = ClicksOracle.countsPerUser(EVENTS, USERS, 42);
        for (int u = 0; u < USERS; u++) {
            assertThat(last.getOrDefault((long) u, 0L)).as("user " + u).isEqualTo(expected[u]);
        }
        assertThat(SnapshotRestore.open(second).metadata().savepoint()).isTrue();
    }

    @Test
    void savepointWhileRunning_keepsTheJobRunning_andHoldsTheSumsOfTheRecordsBeforeIt() throws Exception {
        try (JobExecution job = JobExecution.start(job(2, 100_000), RunOptions.defaults())) {
            Thread.sleep(300);
            Path savepoint = job.triggerSavepoint(dir.resolve("sp"), StopMode.NONE).get(30, TimeUnit.SECONDS);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            Map<String, String> sums = StateEntries.read(savepoint, ClicksJob.SUM);
            long total = sums.values().stream().mapToLong(Long::parseLong).sum();
            long sourcePosition = total; // every logged-in click before the barrier is counted once
            assertThat(total).isPositive().isLessThan(ClicksOracle.totals(EVENTS, USERS, 42).loggedIn());
            assertThat(sourcePosition).isEqualTo(total);
            assertThat(job.checkpoints().latestSavepoint().isSavepoint()).isTrue();
            assertThat(job.checkpoints().latestSavepoint().checkpointType()).isEqualTo("SAVEPOINT");
            job.cancel();
        }
    }

    @Test
    void preCheck_saysRestoredNewDroppedAndIncompatible() throws Exception {
        Path savepoint = runUntilStopped(2, null, new HashMap<>());
        SnapshotRestore snapshot = SnapshotRestore.open(savepoint);

        RestoreCheck.Report same = RestoreCheck.check(job(3, 0), snapshot, false);
        assertThat(same.canRestore()).isTrue();
        assertThat(verdict(same, ClicksJob.SUM).kind()).isEqualTo(RestoreCheck.Kind.RESTORED);
        assertThat(verdict(same, ClicksJob.SUM).detail()).contains("rescaled from 2 to 3");
        assertThat(verdict(same, "logged-in").kind()).isEqualTo(RestoreCheck.Kind.STATELESS);

        ValidatedJob renamed = validate(document(2, 0).withOperators(document(2, 0).operators().stream()
                .map(o -> o.id().equals(ClicksJob.SUM) ? new OperatorSpec("per-user-v2", o.type(), o.name(), o.parallelism(), o.params()) : o)
                .toList()).withEdges(document(2, 0).edges().stream()
                .map(e -> new io.checkpointstudio.engine.job.EdgeSpec(rename(e.from()), rename(e.to()))).toList()));
        RestoreCheck.Report dropped = RestoreCheck.check(renamed, snapshot, false);
        assertThat(verdict(dropped, ClicksJob.SUM).kind()).isEqualTo(RestoreCheck.Kind.DROPPED);
        assertThat(verdict(dropped, "per-user-v2").kind()).isEqualTo(RestoreCheck.Kind.NEW);
        assertThat(dropped.canRestore()).isFalse();
        assertThat(dropped.problem()).contains("per-user", "--allow-non-restored-state");
        assertThat(RestoreCheck.check(renamed, snapshot, true).canRestore()).isTrue();
        assertThatThrownBy(() -> JobExecution.start(renamed, RunOptions.defaults(), new FaultInjector(), savepoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropped");

        ValidatedJob maxInstead = validate(document(2, 0).withOperator(OperatorSpec.of(ClicksJob.SUM, "max", Map.of("field", "clicks"))));
        RestoreCheck.Report incompatible = RestoreCheck.check(maxInstead, snapshot, true);
        assertThat(verdict(incompatible, ClicksJob.SUM).kind()).isEqualTo(RestoreCheck.Kind.INCOMPATIBLE);
        assertThat(verdict(incompatible, ClicksJob.SUM).detail()).contains("was a sum, is now a max");
        assertThat(incompatible.canRestore()).isFalse();

        ValidatedJob otherKeyGroups = validate(document(2, 0).withConfigValue("pipeline.max-parallelism", 64));
        assertThat(verdict(RestoreCheck.check(otherKeyGroups, snapshot, false), ClicksJob.SUM).kind()).isEqualTo(RestoreCheck.Kind.INCOMPATIBLE);
    }

    @Test
    void truncatedStateFile_isAClearErrorNamingTheFile() throws Exception {
        Path savepoint = runUntilStopped(2, null, new HashMap<>());
        Path stateFile;
        try (var files = Files.list(savepoint)) {
            stateFile = files.filter(p -> p.toString().endsWith(".kg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(stateFile);
        Files.write(stateFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> StateEntries.read(savepoint, ClicksJob.SUM))
                .hasMessageContaining(stateFile.getFileName().toString()).hasMessageContaining("truncated");
    }

    private static String rename(String id) {
        return id.equals(ClicksJob.SUM) ? "per-user-v2" : id;
    }

    private static RestoreCheck.Verdict verdict(RestoreCheck.Report report, String id) {
        return report.verdicts().stream().filter(v -> v.operatorId().equals(id)).findFirst().orElseThrow();
    }

    /** Runs the job from {@code from} (or fresh) for a moment, stops it with a savepoint, and returns the savepoint. */
    private Path runUntilStopped(int parallelism, Path from, Map<Long, Long> last) throws Exception {
        try (JobExecution job = JobExecution.start(job(parallelism, 150_000), RunOptions.defaults(), new FaultInjector(), from)) {
            Thread.sleep(400);
            Path savepoint = job.triggerSavepoint(dir.resolve("savepoints"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            JobResult r = job.result().get(30, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            collect(r, last);
            return savepoint;
        }
    }

    private JobResult run(ValidatedJob job, Path from) throws Exception {
        try (JobExecution e = JobExecution.start(job, RunOptions.defaults(), new FaultInjector(), from)) {
            JobResult r = e.result().get(60, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            return r;
        }
    }

    private static void collect(JobResult r, Map<Long, Long> last) {
        for (Object[] row : CollectSink.rows(r.results().of("collected"))) {
            last.put((Long) row[0], (Long) row[1]);
        }
    }

    private ValidatedJob job(int parallelism, long eventsPerSecond) {
        return validate(document(parallelism, eventsPerSecond));
    }

    private JobDocument document(int parallelism, long eventsPerSecond) {
        JobDocument d = ClicksJob.document(EVENTS, USERS, parallelism, Map.of("execution.checkpointing.interval", "100ms",
                "execution.checkpointing.dir", dir.resolve("checkpoints").toString()));
        List<OperatorSpec> ops = new java.util.ArrayList<>(d.operators());
        ops.set(0, OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks", Map.of("events", EVENTS, "users", (long) USERS, "eventsPerSecond", eventsPerSecond)));
        ops.set(ops.size() - 1, OperatorSpec.of("collected", "collect", Map.of("limit", 10_000_000L)));
        return d.withOperators(ops).withEdges(d.edges().stream()
                .map(e -> e.to().equals(ClicksJob.SINK) ? new io.checkpointstudio.engine.job.EdgeSpec(e.from(), "collected") : e).toList());
    }

    private static ValidatedJob validate(JobDocument d) {
        try {
            return JobValidator.standard().validate(d).orThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
