package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.clicks;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code execution.checkpointing.externalized-checkpoint-retention}: what happens to the retained
 * checkpoints when the job ends. Flink's rule (CheckpointProperties): a FINISHED job always discards
 * them; a CANCELED one keeps them only with RETAIN_ON_CANCELLATION; a FAILED one keeps them unless they
 * are NO_EXTERNALIZED_CHECKPOINTS.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class ExternalizedCheckpointRetentionTest {
    @TempDir
    Path dir;

    private Map<String, Object> config(ExternalizedCheckpointRetention retention) {
        return CheckpointJobs.config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.externalized-checkpoint-retention", retention.name(),
                "restart-strategy.type", "none");
    }

    @ParameterizedTest(name = "{0}: kept on cancel = {1}")
    @CsvSource({"RETAIN_ON_CANCELLATION, true", "DELETE_ON_CANCELLATION, false", "NO_EXTERNALIZED_CHECKPOINTS, false"})
    void cancelledJob(ExternalizedCheckpointRetention retention, boolean kept) throws Exception {
        JobExecution job = start(unboundedClicks(2, 20_000, config(retention)));
        awaitCompleted(job, 2);
        assertThat(chkFolders(dir)).as("while running").isNotEmpty();

        JobResult result = cancel(job);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        assertRetained(job, kept);
    }

    @ParameterizedTest(name = "{0}: kept on failure = {1}")
    @CsvSource({"RETAIN_ON_CANCELLATION, true", "DELETE_ON_CANCELLATION, true", "NO_EXTERNALIZED_CHECKPOINTS, false"})
    void failedJob(ExternalizedCheckpointRetention retention, boolean kept) throws Exception {
        FaultInjector faults = new FaultInjector();
        JobExecution job = start(unboundedClicks(2, 20_000, config(retention)), faults);
        awaitCompleted(job, 2);

        faults.failNow(ClicksJob.SUM, -1);
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertRetained(job, kept);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExternalizedCheckpointRetention.class)
    void finishedJob_discardsItsCheckpointsWhateverTheRetention(ExternalizedCheckpointRetention retention) throws Exception {
        JobExecution job = start(clicks(40_000, 50_000, 2, config(retention)));
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(job.checkpoints().counts().completed()).as("checkpoints were taken").isPositive();
        assertRetained(job, false);
    }

    @Test
    void shouldDiscardOn_isFlinksRule() {
        for (ExternalizedCheckpointRetention r : ExternalizedCheckpointRetention.values()) {
            try (CheckpointCoordinator c = coordinator(r)) {
                assertThat(c.shouldDiscardOn(JobStatus.FINISHED)).as("%s, FINISHED", r).isTrue();
                assertThat(c.shouldDiscardOn(JobStatus.CANCELED)).as("%s, CANCELED", r)
                        .isEqualTo(r != ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
                assertThat(c.shouldDiscardOn(JobStatus.FAILED)).as("%s, FAILED", r)
                        .isEqualTo(r == ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS);
            }
        }
    }

    private CheckpointCoordinator coordinator(ExternalizedCheckpointRetention retention) {
        CheckpointSettings settings = new CheckpointSettings(true, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ZERO, 1, 0,
                CheckpointingMode.EXACTLY_ONCE, false, Duration.ZERO, retention, 1, dir, null, true);
        return new CheckpointCoordinator(settings, "job", "job", 128, new CheckpointStatsTracker(10), e -> { }, (of, cause) -> { });
    }

    /** Either the newest completed checkpoint is still there with valid metadata, or nothing of the job is left. */
    private void assertRetained(JobExecution job, boolean kept) throws Exception {
        Path jobDir = dir.resolve(job.jobId());
        if (kept) {
            long newest = job.checkpoints().latestCompleted().id();
            Path chk = jobDir.resolve("chk-" + newest);
            assertThat(chk).isDirectory();
            CheckpointMetadata md = CheckpointStorage.readMetadata(chk);
            assertThat(md.checkpointId()).isEqualTo(newest);
            assertThat(md.jobId()).isEqualTo(job.jobId());
            assertThat(SnapshotPaths.resolve(jobDir, w -> { })).isEqualTo(chk);
            List<Path> folders = chkFolders(dir);
            assertThat(folders).as("num-retained is 1").containsExactly(chk);
            assertThat(job.checkpoints().latestCompleted().discarded()).isFalse();
        } else {
            assertThat(chkFolders(dir)).isEmpty();
            assertThat(jobDir).doesNotExist();
        }
        // The statistics (Flink's "discarded" flag) say the same as the disk.
        for (CheckpointStats c : job.checkpoints().history()) {
            if (c.status() == CheckpointStatus.COMPLETED) {
                assertThat(c.discarded()).as("checkpoint %d discarded", c.id()).isEqualTo(!Files.isDirectory(Path.of(c.externalPath())));
            }
        }
    }
}
