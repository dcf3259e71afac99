package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.checkpointing.max-concurrent-checkpoints}: how many checkpoints may be in progress at
 * once. A slowed sink behind small channels makes each checkpoint take about a second while the interval
 * asks for one every 20 ms.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class MaxConcurrentCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void maxConcurrent1_neverHasTwoCheckpointsInProgress() throws Exception {
        JobExecution job = startSlowJob(1);
        AtomicInteger mostInProgress = new AtomicInteger();
        try {
            await(job, "a second checkpoint triggered", () -> {
                mostInProgress.accumulateAndGet(job.checkpoints().counts().inProgress(), Math::max);
                return job.checkpoints().counts().total() >= 2;
            });
            assertThat(mostInProgress).hasValueLessThanOrEqualTo(1);
            assertThat(mostInProgressFromEvents(job)).isEqualTo(1);
            // The second was triggered only once the first was over.
            CheckpointStats first = job.checkpoints().history().stream().filter(c -> c.id() == 1).findFirst().orElseThrow();
            assertThat(first.status()).isEqualTo(CheckpointStatus.COMPLETED);
        } finally {
            cancel(job);
        }
    }

    @Test
    void maxConcurrent3_overlapsUpToThreeCheckpoints() throws Exception {
        JobExecution job = startSlowJob(3);
        AtomicInteger mostInProgress = new AtomicInteger();
        try {
            await(job, "overlapping checkpoints", () -> {
                mostInProgress.accumulateAndGet(job.checkpoints().counts().inProgress(), Math::max);
                return mostInProgressFromEvents(job) >= 2 && job.checkpoints().counts().completed() >= 1;
            });
            assertThat(mostInProgress).hasValueBetween(2, 3);
            assertThat(mostInProgressFromEvents(job)).isBetween(2, 3);
        } finally {
            cancel(job);
        }
    }

    private JobExecution startSlowJob(int maxConcurrent) throws Exception {
        return start(unboundedClicks(2, 0, config(dir,
                "execution.checkpointing.interval", "20ms",
                "execution.checkpointing.max-concurrent-checkpoints", maxConcurrent)),
                CheckpointTimeoutTest.slowSink(), CheckpointTimeoutTest.SMALL_CHANNELS);
    }

    /** The most checkpoints in progress at once, replaying the coordinator's events in order. */
    private static int mostInProgressFromEvents(JobExecution job) {
        int now = 0;
        int most = 0;
        for (EngineEvent e : job.events().recent()) {
            if (e instanceof EngineEvent.CheckpointTriggered) {
                most = Math.max(most, ++now);
            } else if (e instanceof EngineEvent.CheckpointCompleted || e instanceof EngineEvent.CheckpointFailed) {
                now--;
            }
        }
        return most;
    }
}
