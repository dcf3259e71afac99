package io.checkpointstudio.engine.savepoint;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop-with-savepoint: with drain the input ends first and event-time windows fire; without, they stay open in the savepoint. */
class StopWithSavepointDrainTest {
    @TempDir
    Path dir;

    /** An unbounded sequence whose value is also its event time; count per (value % 3) in 1 s tumbling windows. */
    private JobDocument windowedJob() {
        JobDocument base = JobHarness.chain(map("parallelism.default", 1,
                        "execution.checkpointing.dir", dir.resolve("chk").toString()),
                op("numbers", "datagen-sequence", "eventsPerSecond", 20_000L, "eventTimeField", "value", "watermarkMode", "PER_RECORD"),
                op("keyed", "map", "fields", map("k", "value % 3", "value", "value")),
                op("by-k", "key-by", "key", "k"),
                op("counts", "window", "size", "1s", "timeField", "value", "aggregate", "COUNT"),
                op("out", "collect"));
        return base;
    }

    @Test
    void drain_endsTheInputSoEveryOpenWindowFires_beforeTheSavepoint() throws Exception {
        try (JobExecution job = JobExecution.start(JobHarness.validate(windowedJob()), RunOptions.defaults())) {
            Thread.sleep(500);
            Path savepoint = job.triggerSavepoint(dir.resolve("sp"), StopMode.DRAIN).get(30, TimeUnit.SECONDS);
            JobResult result = JobHarness.awaitEnd(job);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<List<Object>> rows = JobHarness.rows(result, "out");
            long counted = rows.stream().mapToLong(r -> (Long) r.get(3)).sum();
            long emitted = result.operators().get("numbers").recordsOut();
            assertThat(counted).as("every number is in a fired window").isEqualTo(emitted);
            assertThat(StateEntries.read(savepoint, "counts")).as("no window is left open in the savepoint").isEmpty();
        }
    }

    @Test
    void withoutDrain_openWindowsStayInTheSavepoint_andNothingIsFlushed() throws Exception {
        try (JobExecution job = JobExecution.start(JobHarness.validate(windowedJob()), RunOptions.defaults())) {
            Thread.sleep(500);
            Path savepoint = job.triggerSavepoint(dir.resolve("sp"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            JobResult result = JobHarness.awaitEnd(job);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            long counted = JobHarness.rows(result, "out").stream().mapToLong(r -> (Long) r.get(3)).sum();
            long emitted = result.operators().get("numbers").recordsOut();
            assertThat(counted).as("the open window's records are not flushed").isLessThan(emitted);
            assertThat(StateEntries.read(savepoint, "counts")).as("the open window is in the savepoint").isNotEmpty();
        }
    }

}
