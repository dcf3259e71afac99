package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.checkpointing.timeout}: a checkpoint still in progress after the timeout fails with
 * CHECKPOINT_EXPIRED. The job's sink is slowed down so every checkpoint's barrier waits behind full
 * channels: small batches and channels make that wait about a second, far longer than 300 ms and far
 * shorter than the long timeout. The last test uses the engine's default channels (thousands of records
 * queued ahead of a barrier), where no checkpoint can complete, and checks that cancelling is still prompt.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CheckpointTimeoutTest {
    /** 16 records of 20 ms per batch: each batch ahead of a barrier holds it up by 320 ms. */
    static final RunOptions SMALL_CHANNELS = RunOptions.defaults().withBatchSize(16).withChannelCapacity(2);
    static final long SINK_MICROS_PER_RECORD = 20_000;
    static final String SINK_TASK = "per-user -> checksum";

    @TempDir
    Path dir;

    static FaultInjector slowSink() {
        FaultInjector faults = new FaultInjector();
        faults.slow(ClicksJob.SINK, SINK_MICROS_PER_RECORD);
        return faults;
    }

    @Test
    void timeout300ms_expiresCheckpointsStuckBehindBackPressure_namingTheSubtasksStillMissing() throws Exception {
        JobExecution job = start(unboundedClicks(2, 0, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.timeout", "300ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1000)), slowSink(), SMALL_CHANNELS);
        try {
            await(job, "2 failed checkpoints", () -> job.checkpoints().counts().failed() >= 2);
            CheckpointStatsSnapshot stats = job.checkpoints();

            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(stats.counts().completed()).isZero();
            List<CheckpointStats> failed = stats.history().stream().filter(c -> c.status() == CheckpointStatus.FAILED).toList();
            assertThat(failed).hasSizeGreaterThanOrEqualTo(2);
            for (CheckpointStats f : failed) {
                assertThat(f.failureMessage())
                        .startsWith(CheckpointFailureReason.CHECKPOINT_EXPIRED.description())
                        .contains("execution.checkpointing.timeout 300ms")
                        .containsPattern("still waiting for .*" + SINK_TASK + " \\(\\d/2\\)");
                // It lists exactly the subtasks that had not acknowledged when the checkpoint expired.
                String listed = f.failureMessage().substring(f.failureMessage().indexOf("still waiting for ") + "still waiting for ".length());
                assertThat(List.of(listed.split(", "))).containsExactlyInAnyOrderElementsOf(notAcknowledged(f));
                assertThat(f.failureTimestamp() - f.triggerTimestamp()).as("expired no earlier than the timeout").isGreaterThanOrEqualTo(299);
                assertThat(f.numAcknowledgedSubtasks()).isLessThan(f.numSubtasks());
            }
            List<EngineEvent.CheckpointFailed> failedEvents = events(job, EngineEvent.CheckpointFailed.class);
            assertThat(failedEvents).isNotEmpty().allSatisfy(e -> assertThat(e.reason())
                    .startsWith(CheckpointFailureReason.CHECKPOINT_EXPIRED.description()).contains(SINK_TASK));
            assertThat(events(job, EngineEvent.CheckpointCompleted.class)).isEmpty();
        } finally {
            cancel(job);
        }
    }

    /** "task (i/n)" for every subtask of the checkpoint that has not acknowledged. */
    private static List<String> notAcknowledged(CheckpointStats c) {
        List<String> missing = new ArrayList<>();
        for (TaskCheckpointStats t : c.tasks()) {
            for (int s = 0; s < t.numSubtasks(); s++) {
                if (t.subtasks().get(s) == null) {
                    missing.add(t.name() + " (" + (s + 1) + "/" + t.numSubtasks() + ")");
                }
            }
        }
        return missing;
    }

    @Test
    void longTimeout_letsTheSameSlowCheckpointsComplete() throws Exception {
        JobExecution job = start(unboundedClicks(2, 0, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.timeout", "30s")), slowSink(), SMALL_CHANNELS);
        try {
            awaitCompleted(job, 1);
            CheckpointStatsSnapshot stats = job.checkpoints();

            assertThat(stats.counts().failed()).isZero();
            // The checkpoint took longer than the short timeout above: with it, it would have expired.
            assertThat(stats.latestCompleted().endToEndDuration()).isGreaterThan(300);
        } finally {
            cancel(job);
        }
    }

    @Test
    void timeout300ms_withDefaultChannelsFullBehindA2msPerRecordSink_expires_andCancelDoesNotWaitForTheBacklog() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow(ClicksJob.SINK, 2_000);
        JobExecution job = start(unboundedClicks(2, 0, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.timeout", "300ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1000)), faults);
        await(job, "a failed checkpoint", () -> job.checkpoints().counts().failed() >= 1);
        assertThat(job.checkpoints().latestFailed().failureMessage())
                .startsWith(CheckpointFailureReason.CHECKPOINT_EXPIRED.description()).contains(SINK_TASK);

        job.cancel();
        // About 16 000 records (16 s of sink time) are queued; cancelling must not process them first.
        // (It takes milliseconds; the bound only has to tell that from seconds of draining.)
        JobResult result = job.result().get(8, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
    }
}
