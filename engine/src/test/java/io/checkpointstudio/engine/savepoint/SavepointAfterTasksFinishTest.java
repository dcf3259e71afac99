package io.checkpointstudio.engine.savepoint;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence checkpointed at parallelism 2 has two splits; restored at 4, two of its subtasks own nothing
 * and finish at once. Checkpoints and savepoints after that still complete (Flink's
 * checkpoints-after-tasks-finish): a finished subtask acknowledges with empty state.
 */
class SavepointAfterTasksFinishTest {
    @TempDir
    Path dir;

    private JobDocument job(int parallelism, long intervalMs) {
        Object[] config = intervalMs > 0
                ? new Object[] {"parallelism.default", parallelism, "execution.checkpointing.dir", dir.resolve("chk").toString(),
                        "execution.checkpointing.interval", intervalMs + "ms", "execution.checkpointing.timeout", "10s"}
                : new Object[] {"parallelism.default", parallelism, "execution.checkpointing.dir", dir.resolve("chk").toString()};
        return JobHarness.chain(map(config),
                op("numbers", "datagen-sequence", "eventsPerSecond", 20_000L),
                op("out", "collect"));
    }

    private Path runThenStop(int parallelism, long intervalMs, Path from, StopMode mode, Set<Long> seen) throws Exception {
        try (JobExecution job = JobExecution.start(JobHarness.validate(job(parallelism, intervalMs)), RunOptions.defaults(),
                new FaultInjector(), from)) {
            if (intervalMs > 0) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (job.checkpoints().counts().completed() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(job.checkpoints().counts().completed()).as("periodic checkpoints complete after two subtasks finished")
                        .isGreaterThanOrEqualTo(2);
            } else {
                Thread.sleep(300);
            }
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            Path savepoint = job.triggerSavepoint(dir.resolve("sp"), mode).get(15, TimeUnit.SECONDS);
            JobResult result = JobHarness.awaitEnd(job);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            for (List<Object> row : JobHarness.rows(result, "out")) {
                assertThat(seen.add((Long) row.get(0))).as("number %s emitted once", row.get(0)).isTrue();
            }
            return savepoint;
        }
    }

    @Test
    void restoredAt4WithTwoSplits_periodicCheckpointsAndStopWithSavepointComplete() throws Exception {
        Set<Long> seen = new HashSet<>();
        Path atTwo = runThenStop(2, 0, null, StopMode.SUSPEND, seen);

        Path suspended = runThenStop(4, 0, atTwo, StopMode.SUSPEND, seen);
        Path drained = runThenStop(4, 100, suspended, StopMode.DRAIN, seen);

        assertThat(drained).exists();
        for (long residue = 0; residue < 2; residue++) {
            long r = residue;
            List<Long> split = seen.stream().filter(v -> v % 2 == r).sorted().toList();
            assertThat(split).as("split %s emitted numbers", r).isNotEmpty();
            assertThat(split.get(split.size() - 1)).as("split %s has no gap", r).isEqualTo(r + 2L * (split.size() - 1));
        }
    }
}
