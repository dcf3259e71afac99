package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Task failures that strike while checkpoints are in progress: the job restarts once and ends exact. */
class FailoverDuringCheckpointsTest {
    @TempDir
    Path dir;

    /**
     * The source ends at once and the final checkpoint waits for the slowed count, which fails at its 100th
     * record: the final checkpoint is aborted by the failover. The restarted attempt must take a final
     * checkpoint of its own and finish, not wait for ever behind one triggered on the attempt that failed.
     */
    @ParameterizedTest(name = "{0}, unaligned {1}")
    @CsvSource({"hashmap, false", "hashmap, true", "rocksdb, false", "rocksdb, true"})
    void aFailureWhileTheFinalCheckpointIsPending_restartsAndTheNewAttemptFinishes(String backend, boolean unaligned) throws Exception {
        Path out = dir.resolve("out");
        JobDocument job = JobHarness.chain(JobHarness.map(
                        "parallelism.default", 1,
                        "execution.checkpointing.interval", "100ms",
                        "execution.checkpointing.unaligned.enabled", unaligned,
                        "execution.checkpointing.dir", dir.resolve("chk").toString(),
                        "state.backend.type", backend,
                        "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.attempts", 1,
                        "restart-strategy.fixed-delay.delay", "0ms"),
                JobHarness.op("seq", "datagen-sequence", "from", 1L, "to", 300L),
                JobHarness.op("by-value", "key-by", "key", "value"),
                JobHarness.op("cnt", "count"),
                JobHarness.op("out", "file-sink", "path", out.toString(), "format", "CSV", "header", false));
        FaultInjector faults = new FaultInjector();
        faults.slow("cnt", 2_000);
        faults.failAfterRecords("cnt", 0, 100);

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(events(execution, EngineEvent.CheckpointFailed.class))
                    .as("the final checkpoint of the first attempt, aborted by the failover").isNotEmpty();
            List<String> lines = new ArrayList<>();
            for (Path part : FileSink.committedParts(out)) {
                lines.addAll(Files.readAllLines(part));
            }
            assertThat(lines).as("each number counted once").hasSize(300).doesNotHaveDuplicates()
                    .allSatisfy(line -> assertThat(line).endsWith(",1"));
        }
    }

    /**
     * RocksDB checkpoints every 10 ms at parallelism 4 keep the snapshot threads busy, so when a subtask fails
     * the asynchronous parts of a checkpoint are often still queued; they then find their state backends
     * closed by the failover. That is the task's failure, not the checkpoint's: with no tolerable checkpoint
     * failure and one restart allowed, the job must restart once and finish, reporting the injected failure as
     * the only task failure. Repeated, because whether a write is still queued depends on timing.
     */
    @Test
    void aTaskFailureWhileRocksDbCheckpointsAreWritten_isNotCountedAsACheckpointFailure() throws Exception {
        for (int run = 0; run < 6; run++) {
            FaultInjector faults = new FaultInjector();
            faults.failAfterRecords("per-user", 0, 60_000);
            Map<String, Object> config = new LinkedHashMap<>(Recovery.config(dir.resolve("run-" + run), "EXACTLY_ONCE", 10, 1));
            config.put("state.backend.type", "rocksdb");
            config.put("execution.checkpointing.tolerable-failed-checkpoints", 0);
            JobDocument job = Recovery.clicksIntoCollect(400_000, 200_000, 4, 0, config);

            try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
                JobResult result = awaitEnd(execution);

                assertThat(events(execution, EngineEvent.TaskFailed.class)).as("run %d: task failures", run).singleElement()
                        .satisfies(f -> assertThat(f.error()).contains("injected failure of per-user"));
                assertThat(events(execution, EngineEvent.CheckpointFailed.class)).as("run %d: counted checkpoint failures", run)
                        .allSatisfy(f -> assertThat(f.consecutiveFailures()).as(f.reason()).isZero());
                assertThat(result.status()).as("run %d", run).isEqualTo(JobStatus.FINISHED);
                assertThat(execution.restores()).as("run %d", run).hasSize(1);
            }
        }
    }
}
