package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code execution.checkpointing.interval}: how often checkpoints are triggered; absent or 0 turns checkpointing off. */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CheckpointIntervalTest {
    @TempDir
    Path dir;

    @Test
    void interval200ms_triggersEvery200msAndSeveralCheckpointsComplete() throws Exception {
        long startedAt = System.currentTimeMillis();
        JobExecution job = start(unboundedClicks(2, 20_000, config(dir, "execution.checkpointing.interval", "200ms",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")));
        try {
            Thread.sleep(1500);
            awaitCompleted(job, 3);
            long elapsed = System.currentTimeMillis() - startedAt;
            CheckpointStatsSnapshot stats = job.checkpoints();

            // Never more often than every 200 ms (a loaded machine only makes it rarer).
            assertThat(stats.counts().total()).isLessThanOrEqualTo(elapsed / 200 + 1);
            List<CheckpointStats> byId = stats.history().stream().sorted(Comparator.comparingLong(CheckpointStats::id)).toList();
            for (int i = 1; i < byId.size(); i++) {
                assertThat(byId.get(i).triggerTimestamp() - byId.get(i - 1).triggerTimestamp())
                        .as("gap between the triggers of checkpoints %d and %d", byId.get(i - 1).id(), byId.get(i).id())
                        .isGreaterThanOrEqualTo(190);
            }
            assertThat(stats.counts().failed()).isZero();
        } finally {
            cancel(job);
        }
        // The newest completed checkpoint is on disk, under execution.checkpointing.dir, with metadata that verifies.
        CheckpointStats newest = job.checkpoints().latestCompleted();
        Path folder = Path.of(newest.externalPath());
        assertThat(folder).isEqualTo(dir.resolve(job.jobId()).resolve("chk-" + newest.id()));
        assertThat(CheckpointStorage.readMetadata(folder).checkpointId()).isEqualTo(newest.id());
    }

    /** "absent" leaves the key out; the other values are written as the interval. */
    @ParameterizedTest(name = "interval {0}")
    @ValueSource(strings = {"absent", "0", "0ms", "0 s"})
    void intervalAbsentOrZero_takesNoCheckpointsAndWritesNoFolder(String interval) throws Exception {
        Map<String, Object> cfg = interval.equals("absent") ? config(dir) : config(dir, "execution.checkpointing.interval", interval);
        JobExecution job = start(unboundedClicks(2, 20_000, cfg));
        Thread.sleep(1000);
        JobResult result = cancel(job);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(result.operators().get(ClicksJob.SOURCE).recordsOut()).as("the job ran").isPositive();
        assertThat(job.checkpoints().counts().total()).isZero();
        assertThat(job.checkpoints().history()).isEmpty();
        assertThat(events(job, EngineEvent.CheckpointTriggered.class)).isEmpty();
        assertThat(chkFolders(dir)).isEmpty();
        try (Stream<Path> inDir = Files.list(dir)) {
            assertThat(inDir).as("nothing written under execution.checkpointing.dir").isEmpty();
        }
    }
}
