package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkpoint folder that cannot take checkpoints (a full disk, a file where the folder should be) ends
 * the job with "No space left on device" or "is a file", the path and the option's name, before it starts
 * or at its first failure; it never restarts into the same storage over and over. The full disks are real:
 * small tmpfs mounts ({@link SmallDisk}). The job keeps per-user sums of 10,000 users: checkpoints of
 * about 160 KiB, as in the report of the loop (0 to 300 KB free).
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CheckpointStorageFaultsTest {
    private static final int USERS = 10_000;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** The clicks job over 10,000 users and {@code events} events (0: unbounded) at 50,000 a second. */
    private static JobDocument job(long events, Map<String, Object> config) {
        JobDocument doc = ClicksJob.document(events, USERS, 2, config);
        return doc.withOperator(doc.operator(ClicksJob.SOURCE).orElseThrow().withParam("eventsPerSecond", 50_000));
    }

    /** Checkpoints every 100 ms into {@code checkpoints} (under {@code key}); a loop of restarts would show at once. */
    private static Map<String, Object> config(String key, Path checkpoints) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(key, checkpoints.toString());
        c.put("execution.checkpointing.interval", "100ms");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", 1000);
        c.put("restart-strategy.fixed-delay.delay", "0ms");
        return c;
    }

    private CliRun runCli(Map<String, Object> config) throws Exception {
        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(job(2_000_000, config), jobFile);
        return assertTimeoutPreemptively(LIMIT, () -> CliRun.run("run", jobFile.toString(), "--quiet"),
                "a job whose checkpoint storage is unusable must end, not restart for ever");
    }

    @ParameterizedTest
    @ValueSource(strings = {"execution.checkpointing.dir", "state.checkpoints.dir"})
    void checkpointFolderThatIsAFile_refusesToStart_namingThePathAndTheOptionAsWritten(String key) throws Exception {
        Path file = dir.resolve("checkpoints");
        Files.writeString(file, "not a folder");

        CliRun run = runCli(config(key, file));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("cannot start: " + key + " " + file + " is a file, not a folder", "point " + key + " at a folder")
                .doesNotContain("restarting");
    }

    @Test
    void checkpointFolderInsideAFile_refusesToStart_namingTheFile() throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        Path checkpoints = file.resolve("checkpoints");

        CliRun run = runCli(config("execution.checkpointing.dir", checkpoints));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("cannot create execution.checkpointing.dir " + checkpoints + ": " + file + " is a file, not a folder");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 100 * 1024, 300 * 1024})
    void fullDiskUnderTheCheckpointFolder_refusesToStart_withNoSpaceLeftOnDevice(long free) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 1 << 20)) {
            Path checkpoints = disk.path().resolve("checkpoints");
            disk.fillLeaving(free);

            CliRun run = runCli(config("execution.checkpointing.dir", checkpoints));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("cannot start: No space left on device", "execution.checkpointing.dir " + checkpoints)
                    .doesNotContain("restarting");
        }
    }

    @Test
    void diskFillingUpWhileTheJobRuns_endsTheJobAtItsFirstFailover_withNoSpaceLeftOnDevice() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 8 << 20)) {
            Path checkpoints = disk.path().resolve("checkpoints");
            Map<String, Object> config = config("execution.checkpointing.dir", checkpoints);
            config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"); // kept on failure
            JobExecution job = start(job(0, config));
            awaitCompleted(job, 2);
            disk.keepFullLeaving(100 * 1024);

            JobResult result = JobHarness.awaitEnd(job);

            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            // the room left (or, when even a small write fails, that) is measured when the job fails over
            assertThat(result.failure()).hasMessageStartingWith("No space left on device: ")
                    .hasMessageContaining("execution.checkpointing.dir " + checkpoints)
                    .hasMessageContaining("restarting cannot help")
                    .hasMessageContaining("run --from " + checkpoints.resolve(job.jobId()));
            assertThat(SnapshotPaths.resolve(checkpoints.resolve(job.jobId()), w -> { })).as("what the message says to resume from").exists();
            assertThat(events(job, EngineEvent.CheckpointFailed.class)).anySatisfy(f -> assertThat(f.reason())
                    .contains("No space left on device").contains(checkpoints.toString()));
            assertThat(events(job, EngineEvent.JobRestarting.class)).as("restarts (1000 allowed)").isEmpty();
            assertThat(events(job, EngineEvent.JobStatusChanged.class)).last()
                    .satisfies(s -> assertThat(s.message()).startsWith("No space left on device: ")
                            .contains("execution.checkpointing.dir " + checkpoints));
        }
    }

    @Test
    void checkpointFolderReplacedByAFileWhileTheJobRuns_endsTheJobAtItsFirstFailover() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        JobExecution job = start(job(0, config("execution.checkpointing.dir", checkpoints)));
        awaitCompleted(job, 2);
        Files.move(checkpoints, dir.resolve("moved-away"));
        Files.writeString(checkpoints, "not a folder");

        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining("execution.checkpointing.dir " + checkpoints + " is a file, not a folder")
                .hasMessageContaining("restarting cannot help")
                .hasMessageContaining("run the job again (its checkpoints are deleted as it fails");
        assertThat(events(job, EngineEvent.JobRestarting.class)).as("restarts (1000 allowed)").isEmpty();
    }

    @Test
    void aJobWithoutPeriodicCheckpoints_doesNotNeedTheCheckpointFolder() throws Exception {
        Path file = dir.resolve("checkpoints");
        Files.writeString(file, "not a folder");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.dir", file.toString());

        JobResult result = JobHarness.run(job(20_000, config));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    }
}
