package io.checkpointstudio.samples;

import static io.checkpointstudio.samples.SampleJobsTest.deleteFileSinkOutputs;
import static io.checkpointstudio.samples.SampleJobsTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.operator.source.ClickEvents;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims the samples make in their descriptions, checked by running each to its end against an
 * independent oracle computed from the click generator ({@link ClicksOracle}, {@link ClickEvents}).
 */
class SampleClaimsTest {
    /** Samples run here instead of by {@link SampleJobsTest}'s plain run. */
    static final Set<String> CHECKED_THERE = Set.of("windowed-counts-event-time.job.json", "exactly-once-vs-at-least-once.job.json",
            "rescale-from-savepoint.job.json", "checkpoint-timeout-and-tolerable-failures.job.json");
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path snapshots;

    @Test
    void windowedCounts_countEveryLoggedInClickOfAUserInItsTenSecondEventTimeWindow() throws Exception {
        JobDocument doc = withFolders(read(MODULE.resolve("windowed-counts-event-time.job.json")));
        Map<String, Object> clicks = doc.operator("clicks").orElseThrow().params();
        long events = number(clicks, "events");
        long users = number(clicks, "users");
        long seed = number(clicks, "seed");
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < events; i++) {
            if (ClickEvents.loggedIn(seed, i)) {
                expected.merge(ClickEvents.userId(seed, i, users) + "@" + (i / 10_000) * 10_000, 1L, Long::sum);
            }
        }

        JobResult result = run(doc, new FaultInjector());

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        Map<String, Long> counted = new HashMap<>();
        for (JsonNode line : lines(sinkFolder(doc, "out"))) {
            assertThat(line.get("window_end").longValue() - line.get("window_start").longValue()).isEqualTo(10_000);
            Long earlier = counted.put(line.get("userId").longValue() + "@" + line.get("window_start").longValue(), line.get("count").longValue());
            assertThat(earlier).as("each window of a user fires once").isNull();
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void aFailure_duplicatesLinesInTheAtLeastOnceSinkOnly_andBothEndWithTheExactTotals() throws Exception {
        JobDocument doc = withFolders(read(MODULE.resolve("exactly-once-vs-at-least-once.job.json")));
        long[] expected = oracle(doc);
        long loggedIn = java.util.Arrays.stream(expected).sum();
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("per-user", -1, 30_000); // about 1.5 s in, after two or three checkpoints

        JobExecution[] execution = new JobExecution[1];
        JobResult result = run(doc, faults, execution);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(execution[0].restores()).as("the failure restarted the job from a checkpoint").isNotEmpty();
        List<JsonNode> exactly = lines(sinkFolder(doc, "exactly"));
        List<JsonNode> atLeast = lines(sinkFolder(doc, "at-least"));
        assertThat((long) exactly.size()).as("EXACTLY_ONCE: one line per logged-in click").isEqualTo(loggedIn);
        assertThat((long) atLeast.size()).as("AT_LEAST_ONCE: the replayed lines twice").isGreaterThan(loggedIn);
        assertThat(totals(exactly, expected.length)).isEqualTo(expected);
        assertThat(totals(atLeast, expected.length)).isEqualTo(expected);
    }

    @Test
    void stopWithSavepointAtParallelism2_restoredAtParallelism3_endsWithEveryUsersExactTotal() throws Exception {
        JobDocument doc = withFolders(read(MODULE.resolve("rescale-from-savepoint.job.json")));
        long[] expected = oracle(doc);
        ValidatedJob first = JobValidator.standard().validate(doc).orThrow();
        deleteFileSinkOutputs(first);
        Path savepoint;
        try (JobExecution execution = JobExecution.start(first, RunOptions.defaults())) {
            awaitSourceRecords(execution, 100_000);
            savepoint = execution.triggerSavepoint(snapshots.resolve("savepoints"), StopMode.SUSPEND).get(60, TimeUnit.SECONDS);
            execution.result().get(60, TimeUnit.SECONDS);
        }
        JobDocument rescaled = doc.withConfigValue("parallelism.default", 3);
        ValidatedJob second = JobValidator.standard().validate(rescaled).orThrow();

        JobResult result;
        try (JobExecution execution = JobExecution.start(second, RunOptions.defaults(), new FaultInjector(), savepoint)) {
            result = execution.result().get(60, TimeUnit.SECONDS);
        }

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        // Running sums only grow, so a user's largest count is its total, whichever subtask wrote it.
        long[] max = new long[expected.length];
        for (JsonNode line : lines(sinkFolder(doc, "out"))) {
            int u = (int) line.get("userId").longValue();
            max[u] = Math.max(max[u], line.get("clicks").longValue());
        }
        assertThat(max).isEqualTo(expected);
    }

    @Test
    void twoFailedCheckpointsInARow_areTolerated_theJobFinishesWithoutARestart() throws Exception {
        JobDocument doc = withFolders(read(MODULE.resolve("checkpoint-timeout-and-tolerable-failures.job.json")));
        FaultInjector faults = new FaultInjector();
        faults.failNextCheckpoint();
        faults.failNextCheckpoint();

        JobExecution[] execution = new JobExecution[1];
        JobResult result = run(doc, faults, execution);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(execution[0].checkpoints().counts().failed()).isEqualTo(2);
        assertThat(execution[0].checkpoints().counts().completed()).isPositive();
        assertThat(execution[0].restores()).as("tolerable-failed-checkpoints 2: no restart").isEmpty();
        assertThat(totals(lines(sinkFolder(doc, "out")), oracle(doc).length)).isEqualTo(oracle(doc));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The sample with its checkpoints and savepoints in this test's temporary folder. */
    private JobDocument withFolders(JobDocument doc) {
        return doc.withConfigValue("execution.checkpointing.dir", snapshots.resolve("checkpoints").toString())
                .withConfigValue("execution.checkpointing.savepoint-dir", snapshots.resolve("savepoints").toString());
    }

    private static JobResult run(JobDocument doc, FaultInjector faults) throws Exception {
        return run(doc, faults, new JobExecution[1]);
    }

    private static JobResult run(JobDocument doc, FaultInjector faults, JobExecution[] started) throws Exception {
        ValidatedJob job = JobValidator.standard().validate(doc).orThrow();
        deleteFileSinkOutputs(job);
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults(), faults, null)) {
            started[0] = execution;
            return execution.result().get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitSourceRecords(JobExecution execution, long records) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (execution.metrics().operator("clicks").map(OperatorFigures::recordsOut).orElse(0L) < records) {
            assertThat(System.nanoTime()).as("the source emitted %d records in time", records).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long[] oracle(JobDocument doc) {
        Map<String, Object> clicks = doc.operator("clicks").orElseThrow().params();
        return ClicksOracle.countsPerUser(number(clicks, "events"), (int) number(clicks, "users"), number(clicks, "seed"));
    }

    private static long number(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).longValue();
    }

    private static Path sinkFolder(JobDocument doc, String id) {
        OperatorSpec sink = doc.operator(id).orElseThrow();
        return Path.of((String) sink.params().get("path"));
    }

    /** Every line of the sink's committed part files (EXACTLY_ONCE) or of its per-subtask files (AT_LEAST_ONCE). */
    private static List<JsonNode> lines(Path folder) throws IOException {
        List<Path> files = new ArrayList<>(FileSink.committedParts(folder));
        files.addAll(FileSink.atLeastOnceParts(folder));
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** Each user's largest running sum (its total: the sums only grow). */
    private static long[] totals(List<JsonNode> lines, int users) {
        long[] max = new long[users];
        for (JsonNode line : lines) {
            int u = (int) line.get("userId").longValue();
            max[u] = Math.max(max[u], line.get("clicks").longValue());
        }
        return max;
    }
}
