package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores from what is on disk: a checkpoint retained when the job was cancelled, which a resumed job
 * must fall back to when it fails before taking one of its own; a newest checkpoint whose metadata is
 * damaged, which a restart must skip; and checkpoint writes made to fail several times in a row.
 */
class RetainedCheckpointRecoveryTest {
    private static final long EVENTS = 1_000_000;
    private static final int USERS = 50_000;
    private static final long[] EXPECTED = Recovery.expectedCounts(EVENTS, USERS, 42);

    @TempDir
    Path checkpoints;

    @Test
    void resumedFromARetainedCheckpoint_failingBeforeItsOwnFirstCheckpoint_restartsFromTheRetainedOne() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 400_000, config);

        List<long[]> seen = new ArrayList<>();
        Path retained;
        try (JobExecution first = ExactlyOnceRecoveryTest.start(job, new FaultInjector())) {
            awaitCompleted(first, 3);
            first.cancel();
            JobResult cancelled = awaitEnd(first);
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELED);
            seen.addAll(pairs(cancelled, Recovery.OUT));
            retained = SnapshotPaths.resolve(checkpoints.resolve(first.jobId()), s -> { });
        }
        long retainedId = Long.parseLong(retained.getFileName().toString().substring("chk-".length()));

        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("per-user", 0, 10);
        try (JobExecution resumed = JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), faults, retained)) {
            JobResult result = awaitEnd(resumed);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(resumed.restores()).hasSize(1);
            assertThat(resumed.restores().get(0).checkpointId()).as("restarted from the retained checkpoint, not from nothing")
                    .isEqualTo(retainedId);
            long failedAt = events(resumed, EngineEvent.TaskFailed.class).get(0).at();
            assertThat(events(resumed, EngineEvent.CheckpointCompleted.class)).allMatch(c -> c.at() >= failedAt);
            seen.addAll(pairs(result, Recovery.OUT));
            assertExactlyOnce(seen, EXPECTED, 2);
        }
    }

    @Test
    void crash_leavesTheCheckpointsAsAKilledProcessWould_andAResumeFromThemIsExact() throws Exception {
        // NO_EXTERNALIZED_CHECKPOINTS (the default) deletes checkpoints when a job fails or is cancelled; a
        // killed process deletes nothing, and crash() must behave like the killed process.
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 400_000, config);

        List<long[]> seen = new ArrayList<>();
        Path jobDir;
        try (JobExecution first = ExactlyOnceRecoveryTest.start(job, new FaultInjector())) {
            awaitCompleted(first, 2);
            first.crash();
            JobResult crashed = awaitEnd(first);
            assertThat(crashed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(events(first, EngineEvent.JobStatusChanged.class)).last()
                    .satisfies(s -> assertThat(s.message()).contains("crashed"));
            seen.addAll(pairs(crashed, Recovery.OUT));
            jobDir = checkpoints.resolve(first.jobId());
        }
        Path latest = SnapshotPaths.resolve(jobDir, s -> { });

        try (JobExecution resumed = JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), new FaultInjector(), latest)) {
            JobResult result = awaitEnd(resumed);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(resumed.checkpoints().latestRestored().externalPath()).isEqualTo(latest.toString());
            seen.addAll(pairs(result, Recovery.OUT));
            assertExactlyOnce(seen, EXPECTED, 1);
        }
    }

    @Test
    void damagedMetadataOfTheNewestCheckpoint_isSkippedOnRestart() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("execution.checkpointing.num-retained", 3);
        config.put("execution.checkpointing.min-pause", "300ms"); // no checkpoint completes between the damage and the failure
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 500_000, config);
        FaultInjector faults = new FaultInjector();

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            AtomicLong damaged = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && damaged.get() == 0) {
                    try {
                        Path metadata = Path.of(c.path()).resolve(CheckpointStorage.METADATA);
                        String text = Files.readString(metadata, StandardCharsets.UTF_8);
                        Files.writeString(metadata, text.replaceFirst("\"checkpointId\"", "\"checkpointID\""), StandardCharsets.UTF_8);
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    damaged.set(c.checkpointId());
                    faults.failNow("per-user", -1);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("the checkpoint before the damaged %d", damaged.get())
                    .isEqualTo(damaged.get() - 1);
            assertThat(events(execution, EngineEvent.Notice.class))
                    .anyMatch(n -> n.message().contains("skipping checkpoint " + damaged.get()) && n.message().contains("checksum"));
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    @Test
    void failNextCheckpointThreeTimes_failsThreeCheckpoints() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("execution.checkpointing.tolerable-failed-checkpoints", 10);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 400_000, config);
        FaultInjector faults = new FaultInjector();
        for (int i = 0; i < 3; i++) {
            faults.failNextCheckpoint(); // what run --fail-checkpoint 3 does
        }

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<EngineEvent.CheckpointFailed> failed = events(execution, EngineEvent.CheckpointFailed.class);
            assertThat(failed).extracting(EngineEvent.CheckpointFailed::checkpointId).containsExactly(1L, 2L, 3L);
            assertThat(failed).allMatch(f -> f.reason().contains("injected failure of the asynchronous checkpoint write"));
            assertThat(Recovery.history(execution, Recovery::completed)).isNotEmpty().allMatch(c -> c.id() > 3);
            assertThat(execution.restores()).isEmpty();
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 0);
        }
    }

    private static void awaitCompleted(JobExecution execution, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (execution.checkpoints().counts().completed() < n) {
            assertThat(System.nanoTime()).as("%d checkpoints within 10 s", n).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
