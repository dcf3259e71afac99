package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.number;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.runtime.JobExecution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code execution.checkpointing.num-retained} (and its old name {@code state.checkpoints.num-retained}):
 * how many completed checkpoints are kept; older ones are discarded as newer ones complete.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class NumRetainedCheckpointsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} → {2} kept")
    @CsvSource({
        "execution.checkpointing.num-retained, 3, 3",
        "state.checkpoints.num-retained, 2, 2",
        "(not set), 0, 1"})
    void afterManyCheckpoints_exactlyTheNewestNumRetainedFoldersRemain(String key, int value, int expected) throws Exception {
        Map<String, Object> cfg = CheckpointJobs.config(dir,
                "execution.checkpointing.interval", "50ms",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (!key.startsWith("(")) {
            cfg.put(key, value);
        }
        JobExecution job = start(unboundedClicks(2, 20_000, cfg));
        awaitCompleted(job, expected + 3);
        cancel(job);

        List<Long> completedIds = job.checkpoints().history().stream()
                .filter(c -> c.status() == CheckpointStatus.COMPLETED).map(CheckpointStats::id).toList(); // newest first
        assertThat(completedIds).hasSizeGreaterThanOrEqualTo(expected + 3);
        List<Path> folders = chkFolders(dir);
        List<Long> newest = completedIds.subList(0, expected).stream().sorted().toList();
        assertThat(folders).extracting(CheckpointJobs::number).containsExactlyElementsOf(newest);
        for (Path f : folders) {
            assertThat(CheckpointStorage.readMetadata(f).checkpointId()).isEqualTo(number(f));
        }
        // The statistics say which were discarded.
        for (CheckpointStats c : job.checkpoints().history()) {
            if (c.status() == CheckpointStatus.COMPLETED) {
                assertThat(c.discarded()).as("checkpoint %d discarded", c.id()).isEqualTo(!newest.contains(c.id()));
            }
        }
    }
}
