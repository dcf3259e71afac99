package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.clicks;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage found while a job runs: the automatic restore after a task failure skips a retained checkpoint
 * whose files do not verify and restores the one before; with no older one retained the job fails,
 * naming the file, instead of restarting for ever; and a restore that meets a damaged file in a subtask is
 * not retried as if a task had failed.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class DamagedCheckpointRestartTest {
    @TempDir
    Path dir;

    private Map<String, Object> config(String backend, int numRetained) {
        Map<String, Object> c = CheckpointJobs.config(dir.resolve("checkpoints"), "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.num-retained", numRetained,
                "execution.checkpointing.tolerable-failed-checkpoints", 100_000,
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", 1000,
                "restart-strategy.fixed-delay.delay", "0ms");
        c.put("state.backend.type", backend.startsWith("rocksdb") ? "rocksdb" : "hashmap");
        c.put("state.backend.incremental", backend.equals("rocksdb-incremental"));
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb-incremental"})
    void automaticRestart_skipsTheDamagedNewestCheckpoint_andRestoresTheOneBefore(String backend) throws Exception {
        FaultInjector faults = new FaultInjector();
        JobExecution job = start(unboundedClicks(2, 20_000, config(backend, 2)), faults);
        List<CheckpointCoordinator.CompletedCheckpoint> retained = retainedAfterCheckpointsStopCompleting(job, faults);
        CheckpointCoordinator.CompletedCheckpoint newest = retained.get(1);
        CheckpointCoordinator.CompletedCheckpoint previous = retained.get(0);
        Path bad = fileOnlyIn(newest, previous, job);
        flipAByte(bad);

        faults.failNow(ClicksJob.SUM, 0);
        await(job, "a restore", () -> !job.restores().isEmpty() && job.status() == JobStatus.RUNNING);

        assertThat(job.restores()).singleElement().satisfies(r -> assertThat(r.checkpointId()).isEqualTo(previous.id()));
        assertThat(events(job, EngineEvent.Notice.class)).anySatisfy(n -> assertThat(n.message())
                .contains("skipping checkpoint " + newest.id() + ": ", bad.toString(), "checksum does not match", "trying the one before"));
        assertThat(events(job, EngineEvent.JobRestarting.class)).hasSize(1);
        assertThat(events(job, EngineEvent.TaskFailed.class)).as("no restore failed in a task").hasSize(1);
        assertThat(cancel(job).status()).isEqualTo(JobStatus.CANCELED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb-incremental"})
    void automaticRestart_withOnlyADamagedCheckpointRetained_failsTheJobNamingTheFile(String backend) throws Exception {
        FaultInjector faults = new FaultInjector();
        JobExecution job = start(unboundedClicks(2, 20_000, config(backend, 1)), faults);
        List<CheckpointCoordinator.CompletedCheckpoint> retained = retainedAfterCheckpointsStopCompleting(job, faults);
        CheckpointCoordinator.CompletedCheckpoint only = retained.get(0);
        Path bad = fileOnlyIn(only, null, job);
        flipAByte(bad);

        faults.failNow(ClicksJob.SUM, 0);
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining("checkpoint " + only.id()).hasMessageContaining(bad.toString())
                .hasMessageContaining("restarting cannot help");
        assertThat(events(job, EngineEvent.JobStatusChanged.class)).last()
                .satisfies(s -> assertThat(s.message()).contains(bad.toString(), "restarting cannot help"));
        assertThat(job.restores()).as("no attempt restored from the damaged checkpoint").isEmpty();
        assertThat(events(job, EngineEvent.TaskFailed.class)).hasSize(1);
    }

    @Test
    void aRestoreThatMeetsADamagedFileInASubtask_isNotRetriedAsATaskFailure() throws Exception {
        JobExecution first = start(clicks(400_000, 20_000, 2, CheckpointJobs.config(dir.resolve("checkpoints"),
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")));
        awaitCompleted(first, 2);
        assertThat(cancel(first).status()).isEqualTo(JobStatus.CANCELED);
        Path chk = SnapshotPaths.resolve(dir.resolve("checkpoints").resolve(first.jobId()), w -> { });
        SnapshotRestore verified = SnapshotRestore.open(chk);
        // damaged after it was verified, before the subtasks read it
        Path bad = chk.resolve(ClicksJob.SUM + "-1.kg");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(bad), 10));

        Map<String, Object> config = config("hashmap", 1);
        config.put("execution.checkpointing.dir", dir.resolve("resumed").toString());
        JobExecution job = JobExecution.startFrom(JobHarness.validate(clicks(400_000, 0, 2, config)), RunOptions.defaults(),
                new FaultInjector(), verified);
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(bad.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("restarting cannot help");
        assertThat(events(job, EngineEvent.JobRestarting.class)).as("restarts (1000 allowed)").isEmpty();
        assertThat(events(job, EngineEvent.TaskFailed.class)).isNotEmpty().allSatisfy(f -> assertThat(f.error()).contains(bad.toString()));
    }

    /**
     * Waits for two completed checkpoints, then makes every later checkpoint's write fail and waits until
     * one has (so none completes any more): the retained checkpoints, oldest first, stay the newest.
     */
    private static List<CheckpointCoordinator.CompletedCheckpoint> retainedAfterCheckpointsStopCompleting(JobExecution job,
                                                                                                          FaultInjector faults)
            throws Exception {
        awaitCompleted(job, 2);
        long failedBefore = job.checkpoints().counts().failed();
        for (int i = 0; i < 100_000; i++) {
            faults.failNextCheckpoint();
        }
        await(job, "a checkpoint failing", () -> job.checkpoints().counts().failed() > failedBefore);
        return job.coordinator().completedCheckpoints();
    }

    /** A state file of {@code checkpoint} that {@code other} (if any) does not use: a keyed state file or a shared SST. */
    private static Path fileOnlyIn(CheckpointCoordinator.CompletedCheckpoint checkpoint, CheckpointCoordinator.CompletedCheckpoint other,
                                   JobExecution job) {
        Set<String> shared = new HashSet<>(SharedStateRegistry.referencedBy(checkpoint.metadata()));
        if (shared.isEmpty()) {
            return checkpoint.dir().resolve(ClicksJob.SUM + "-0.kg");
        }
        if (other != null) {
            shared.removeAll(SharedStateRegistry.referencedBy(other.metadata()));
        }
        assertThat(shared).as("shared files only checkpoint " + checkpoint.id() + " uses").isNotEmpty();
        return job.coordinator().sharedState().sharedDir().resolve(shared.stream().sorted().findFirst().orElseThrow());
    }

    private static void flipAByte(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
    }
}
