package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.runtime.JobExecution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.checkpointing.min-pause}: the least time from the end of one checkpoint to the trigger
 * of the next, whatever the interval says.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class MinPauseTest {
    @TempDir
    Path dir;

    @Test
    void minPause400ms_withInterval50ms_waitsAtLeast400msAfterEachCompletion() throws Exception {
        List<Long> pauses = pausesAfterCompletions(config(dir,
                "execution.checkpointing.interval", "50ms",
                "execution.checkpointing.min-pause", "400ms"), 3);

        assertThat(pauses).isNotEmpty().allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(390));
    }

    @Test
    void withoutMinPause_interval50ms_triggersTheNextCheckpointFarSooner() throws Exception {
        List<Long> pauses = pausesAfterCompletions(config(dir, "execution.checkpointing.interval", "50ms"), 5);

        assertThat(pauses.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(200);
    }

    /**
     * Runs until {@code completed} checkpoints completed; returns, for each completed checkpoint followed
     * by another, the time from its last acknowledgement to the next checkpoint's trigger.
     */
    private static List<Long> pausesAfterCompletions(Map<String, Object> config, int completed) throws Exception {
        JobExecution job = start(unboundedClicks(2, 20_000, config));
        try {
            awaitCompleted(job, completed);
            List<CheckpointStats> byId = job.checkpoints().history().stream()
                    .sorted(Comparator.comparingLong(CheckpointStats::id)).toList();
            assertThat(byId).noneMatch(c -> c.status() == CheckpointStatus.FAILED);
            List<Long> pauses = new ArrayList<>();
            for (int i = 1; i < byId.size(); i++) {
                CheckpointStats before = byId.get(i - 1);
                if (before.status() == CheckpointStatus.COMPLETED) {
                    pauses.add(byId.get(i).triggerTimestamp() - before.latestAckTimestamp());
                }
            }
            assertThat(pauses).hasSizeGreaterThanOrEqualTo(completed - 1);
            return pauses;
        } finally {
            cancel(job);
        }
    }
}
