package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.clicks;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.checkpointing.checkpoints-after-tasks-finish} (on by default, as in Flink): a bounded
 * job takes one final checkpoint once every source reached the end of its input, whatever the interval.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class FinalCheckpointTest {
    static final long EVENTS = 200_000;

    @TempDir
    Path dir;

    @Test
    void boundedJobWithA10MinuteInterval_completesExactlyTheFinalCheckpoint_andItsResultsAreExact() throws Exception {
        JobExecution job = start(clicks(EVENTS, 0, 2, config(dir, "execution.checkpointing.interval", "10min")));
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        CheckpointStatsSnapshot stats = job.checkpoints();
        assertThat(stats.counts().total()).isEqualTo(1);
        assertThat(stats.counts().completed()).isEqualTo(1);
        assertThat(stats.latestCompleted().id()).isEqualTo(1);
        assertThat(stats.latestCompleted().numAcknowledgedSubtasks()).isEqualTo(4);
        assertThat(events(job, EngineEvent.CheckpointCompleted.class)).hasSize(1);
        assertThat(events(job, EngineEvent.CheckpointFailed.class)).isEmpty();
        // Taken at the end of input: each source subtask reached the end of its range before it.
        assertExact(result);
        // FINISHED discards it (default retention).
        assertThat(chkFolders(dir)).isEmpty();
    }

    @Test
    void withCheckpointsAfterTasksFinishOff_noCheckpointIsTaken_andTheResultsAreStillExact() throws Exception {
        JobExecution job = start(clicks(EVENTS, 0, 2, config(dir,
                "execution.checkpointing.interval", "10min",
                "execution.checkpointing.checkpoints-after-tasks-finish", false)));
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(job.checkpoints().counts().total()).isZero();
        assertExact(result);
    }

    /**
     * Periodic checkpoints every 10 ms keep racing the end of the input: one is often triggered just after
     * the sources ended, before the coordinator heard of it. That one is not the final checkpoint; the
     * sources must wait for the one the coordinator takes as final, or that one can never complete (a
     * source is gone) and the job hangs until it expires. Over many runs, every checkpoint completes.
     */
    @Test
    void periodicCheckpointsRacingTheEndOfInput_neverLeaveTheFinalCheckpointWithoutItsSources() throws Exception {
        for (int run = 0; run < 15; run++) {
            JobExecution job = start(clicks(20_000, 0, 2, config(dir.resolve("run-" + run),
                    "execution.checkpointing.interval", "10ms",
                    "execution.checkpointing.timeout", "2s",
                    "execution.checkpointing.tolerable-failed-checkpoints", 100)));
            JobResult result = JobHarness.awaitEnd(job);

            assertThat(result.status()).as("run %d", run).isEqualTo(JobStatus.FINISHED);
            CheckpointStatsSnapshot stats = job.checkpoints();
            assertThat(stats.counts().failed()).as("run %d: failed checkpoints (last: %s)", run,
                    stats.latestFailed() == null ? null : stats.latestFailed().failureMessage()).isZero();
            assertThat(stats.counts().completed()).as("run %d", run).isEqualTo(stats.counts().total()).isPositive();
            assertExact(result, 20_000);
        }
    }

    private static void assertExact(JobResult result) {
        assertExact(result, EVENTS);
    }

    private static void assertExact(JobResult result, long events) {
        ClicksOracle.Totals expected = ClicksOracle.totals(events, CheckpointJobs.USERS, 42);
        ChecksumSink.Checksum sum = ChecksumSink.Checksum.combine(result.results().of(ClicksJob.SINK));
        assertThat(sum.records()).isEqualTo(expected.loggedIn());
        assertThat(sum.checksum()).isEqualTo(expected.loggedIn());
        assertThat(sum.weightedChecksum()).isEqualTo(expected.weightedChecksum());
        assertThat(sum.keys()).isEqualTo(CheckpointJobs.USERS);
        assertThat(result.operators().get(ClicksJob.SOURCE).recordsOut()).isEqualTo(events);
    }
}
