package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.checkpointing.tolerable-failed-checkpoints}: how many consecutive checkpoint failures
 * the job survives. The failures are injected writes of the next checkpoints (as {@code run --fail-checkpoint N}).
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class TolerableFailedCheckpointsTest {
    @TempDir
    Path dir;

    private static FaultInjector failingCheckpoints(int n) {
        FaultInjector faults = new FaultInjector();
        for (int i = 0; i < n; i++) {
            faults.failNextCheckpoint();
        }
        return faults;
    }

    @Test
    void twoFailedCheckpoints_oneTolerated_failTheJob() throws Exception {
        JobExecution job = start(unboundedClicks(2, 20_000, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1,
                "restart-strategy.type", "none")), failingCheckpoints(2));

        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining("Exceeded checkpoint tolerable failure threshold");
        CheckpointStatsSnapshot stats = job.checkpoints();
        assertThat(stats.counts().completed()).isZero();
        List<EngineEvent.CheckpointFailed> failed = events(job, EngineEvent.CheckpointFailed.class).stream()
                .filter(e -> e.reason().startsWith(CheckpointFailureReason.CHECKPOINT_ASYNC_EXCEPTION.description())).toList();
        assertThat(failed).extracting(EngineEvent.CheckpointFailed::checkpointId).containsExactly(1L, 2L);
        assertThat(failed).extracting(EngineEvent.CheckpointFailed::consecutiveFailures).containsExactly(1, 2);
        assertThat(failed.get(0).reason()).contains("injected failure");
        assertThat(events(job, EngineEvent.JobStatusChanged.class)).last()
                .satisfies(e -> assertThat(e.message()).contains("Exceeded checkpoint tolerable failure threshold"));
    }

    @Test
    void twoFailedCheckpoints_twoTolerated_keepTheJobRunningAndALaterCheckpointCompletes() throws Exception {
        JobExecution job = start(unboundedClicks(2, 20_000, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 2,
                "restart-strategy.type", "none")), failingCheckpoints(2));
        try {
            await(job, "a completed checkpoint", () -> job.checkpoints().counts().completed() >= 1);
            CheckpointStatsSnapshot stats = job.checkpoints();

            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(stats.counts().failed()).isEqualTo(2);
            assertThat(stats.history().stream().filter(c -> c.status() == CheckpointStatus.COMPLETED).mapToLong(CheckpointStats::id).min())
                    .as("the first completed checkpoint is the one after the two failures").hasValue(3);
            assertThat(stats.consecutiveFailures()).isZero();
            assertThat(stats.history().stream().filter(c -> c.status() == CheckpointStatus.FAILED).map(CheckpointStats::failureMessage))
                    .hasSize(2).allSatisfy(m -> assertThat(m).startsWith(CheckpointFailureReason.CHECKPOINT_ASYNC_EXCEPTION.description()));
        } finally {
            assertThat(cancel(job).status()).isEqualTo(JobStatus.CANCELED);
        }
    }

    @Test
    void cliFailCheckpoint2_withOneTolerated_failsTheRun() throws Exception {
        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(unboundedClicks(2, 20_000, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1,
                "restart-strategy.type", "none")), jobFile);

        CliRun cli = CliRun.run("run", jobFile.toString(), "--fail-checkpoint", "2");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).contains("FAILED").contains("Exceeded checkpoint tolerable failure threshold");
    }

    /**
     * As in Flink's CheckpointFailureManager, the count of consecutive failures starts again after the
     * job failed over because of it: one failure after the restart is the first, not the third, and is
     * tolerated. (The third failure is injected once the restarted job runs, so that it surely hits a
     * checkpoint of the new attempt.)
     */
    @Test
    void afterAFailoverCausedByCheckpointFailures_theCountStartsAgain() throws Exception {
        FaultInjector faults = failingCheckpoints(2);
        JobExecution job = start(unboundedClicks(2, 20_000, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1,
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", 1,
                "restart-strategy.fixed-delay.delay", "100ms")), faults);
        try {
            await(job, "the restart", () -> !events(job, EngineEvent.JobRestarting.class).isEmpty() && job.status() == JobStatus.RUNNING);
            faults.failNextCheckpoint();
            await(job, "a counted failure, then a completed checkpoint, after the restart",
                    () -> countedFailuresAfterRestart(job).size() == 1 && completedAfterRestart(job) >= 1);

            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(events(job, EngineEvent.JobRestarting.class)).singleElement()
                    .satisfies(r -> assertThat(r.cause()).contains("Exceeded checkpoint tolerable failure threshold"));
            assertThat(countedFailuresAfterRestart(job)).singleElement()
                    .satisfies(f -> assertThat(f.consecutiveFailures()).isEqualTo(1));
        } finally {
            cancel(job);
        }
    }

    /** Failures counted against the tolerance (here: the injected write failures) after the job restarted. */
    private static List<EngineEvent.CheckpointFailed> countedFailuresAfterRestart(JobExecution job) {
        return afterRestart(job).stream().filter(e -> e instanceof EngineEvent.CheckpointFailed f
                        && f.reason().startsWith(CheckpointFailureReason.CHECKPOINT_ASYNC_EXCEPTION.description()))
                .map(EngineEvent.CheckpointFailed.class::cast).toList();
    }

    private static long completedAfterRestart(JobExecution job) {
        return afterRestart(job).stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted).count();
    }

    private static List<EngineEvent> afterRestart(JobExecution job) {
        List<EngineEvent> all = job.events().recent();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof EngineEvent.JobRestarting) {
                return all.subList(i + 1, all.size());
            }
        }
        return List.of();
    }
}
