package io.checkpointstudio.engine.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's RocksDB working folders are gone when it ends, however its subtasks ended (failure, restart, cancel, crash). */
class RocksDBWorkingFolderTest {
    private static final long EVENTS = 600_000;
    private static final long USERS = 20_000;

    @TempDir
    Path dir;

    private ValidatedJob job(long eventsPerSecond) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        config.put("state.backend.type", "rocksdb");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        var doc = ClicksJob.document(EVENTS, USERS, 2, config);
        if (eventsPerSecond > 0) { // unbounded, rate-limited
            doc = doc.withOperator(OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks",
                    Map.of("events", 0L, "users", USERS, "seed", 42L, "eventsPerSecond", eventsPerSecond)));
        }
        return JobValidator.standard().validate(doc).orThrow();
    }

    private static Path jobFolder(JobExecution execution) {
        return WorkingFolders.jobDir(execution.jobId());
    }

    @Test
    void aFailureAndRestart_leaveNoWorkingFolderOfTheJob() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(ClicksJob.SUM, 0, 100_000);
        try (JobExecution execution = JobExecution.start(job(0), RunOptions.defaults(), faults, null)) {
            JobResult result = execution.result().get(120, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(jobFolder(execution)).as("the failed attempt's and the last attempt's folders are deleted").doesNotExist();
        }
    }

    @Test
    void aFailureWithoutRestart_leavesNoWorkingFolderOfTheJob() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(ClicksJob.SOURCE, 1, 50_000);
        ValidatedJob job = job(0);
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults(), faults, null)) {
            execution.result().get(120, TimeUnit.SECONDS);
            // a second failure within the one allowed restart ends the job FAILED
            assertThat(jobFolder(execution)).doesNotExist();
        }
    }

    @Test
    void cancelAndCrash_leaveNoWorkingFolderOfTheJob() throws Exception {
        try (JobExecution cancelled = JobExecution.start(job(200_000), RunOptions.defaults(), new FaultInjector(), null)) {
            Thread.sleep(500);
            assertThat(jobFolder(cancelled)).as("the folder exists while the job runs").exists();
            cancelled.cancel();
            JobResult end = cancelled.result().get(60, TimeUnit.SECONDS);
            assertThat(end.status()).as("%s", end.failure()).isEqualTo(JobStatus.CANCELED);
            assertThat(jobFolder(cancelled)).doesNotExist();
        }
        try (JobExecution crashed = JobExecution.start(job(200_000), RunOptions.defaults(), new FaultInjector(), null)) {
            Thread.sleep(500);
            crashed.crash();
            crashed.result().get(60, TimeUnit.SECONDS);
            assertThat(jobFolder(crashed)).doesNotExist();
        }
    }

    @Test
    void theFolderOfAKilledProcessesJob_isDeletedByTheNextRocksdbJob_butFoldersInUseOrWithoutALockStay() throws Exception {
        Path root = WorkingFolders.root();
        Path stale = root.resolve("stale-" + UUID.randomUUID());
        Files.createDirectories(stale.resolve("per-user-0-1").resolve("db"));
        Files.writeString(stale.resolve("per-user-0-1").resolve("db").resolve("000007.sst"), "x");
        Files.createFile(stale.resolve(".lock")); // as a killed process leaves it: the lock file, nobody holding it
        Path inUse = root.resolve("in-use-" + UUID.randomUUID());
        Files.createDirectories(inUse.resolve("per-user-0-1"));
        Path older = root.resolve("older-" + UUID.randomUUID());
        Files.createDirectories(older.resolve("per-user-0-1"));
        try (FileChannel held = FileChannel.open(inUse.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = held.lock()) {
            try (JobExecution execution = JobExecution.start(job(0), RunOptions.defaults(), new FaultInjector(), null)) {
                assertThat(execution.result().get(120, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.FINISHED);
                assertThat(jobFolder(execution)).doesNotExist();
            }
            assertThat(stale).as("the killed process's folder").doesNotExist();
            assertThat(inUse).as("a folder whose lock is held").exists();
            assertThat(older).as("a folder of an older version (no lock file)").exists();
        } finally {
            CheckpointStorage.deleteRecursively(inUse);
            CheckpointStorage.deleteRecursively(older);
            CheckpointStorage.deleteRecursively(stale);
        }
    }
}
