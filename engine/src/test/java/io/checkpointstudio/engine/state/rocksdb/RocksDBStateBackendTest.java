package io.checkpointstudio.engine.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.CheckpointMetadata;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.checkpoint.SharedStateRegistry;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.checkpoint.SubtaskStateHandle;
import io.checkpointstudio.engine.checkpoint.TaskStateHandle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB state backend: oracle-exact results, savepoints across backends and parallelisms, incremental checkpoints. */
class RocksDBStateBackendTest {
    private static final long EVENTS = 400_000;
    private static final int USERS = 20_000;

    @TempDir
    Path dir;

    @Test
    void clicksOnRocksdbFull_withAFailure_matchesTheOracle() throws Exception {
        assertOracleExactWithFailure(false);
    }

    @Test
    void clicksOnRocksdbIncremental_withAFailure_restoresFromAnIncrementalCheckpoint_andMatchesTheOracle() throws Exception {
        assertOracleExactWithFailure(true);
    }

    private void assertOracleExactWithFailure(boolean incremental) throws Exception {
        long events = 3_000_000;
        long users = 100_000;
        ClicksOracle.Totals expected = ClicksOracle.totals(events, users, 42);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        config.put("state.backend.type", "rocksdb");
        config.put("state.backend.incremental", incremental);
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        ValidatedJob job = JobValidator.standard().validate(ClicksJob.document(events, users, 2, config)).orThrow();
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(ClicksJob.SUM, 0, (long) Math.floor(0.7 * expected.loggedIn() / 2));
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults(), faults, null)) {
            JobResult result = execution.result().get(120, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a checkpoint").isPositive();
            ChecksumSink.Checksum sum = ChecksumSink.Checksum.combine(result.results().of(ClicksJob.SINK));
            assertThat(sum.checksum()).isEqualTo(expected.loggedIn());
            assertThat(sum.weightedChecksum()).isEqualTo(expected.weightedChecksum());
            // only this job's folder: other jobs (other tests, other processes) may be using the shared root
            assertThat(WorkingFolders.jobDir(execution.jobId())).as("RocksDB working folders are deleted on close").doesNotExist();
        }
    }

    @Test
    void savepoints_roundTripHashmapToRocksdbToHashmap_exactly() throws Exception {
        Map<Long, Long> last = new HashMap<>();
        Path first = runUntilStopped(2, "hashmap", false, null, last);
        Path second = runUntilStopped(2, "rocksdb", true, first, last);
        assertThat(hasNativeState(second)).as("savepoints are canonical, also from incremental rocksdb").isFalse();
        JobResult end = run(job(2, 0, "hashmap", false), second);
        collect(end, last);
        assertOracle(last);
    }

    @Test
    void savepoints_rescaleRocksdb2To4To1_exactly() throws Exception {
        Map<Long, Long> last = new HashMap<>();
        Path first = runUntilStopped(2, "rocksdb", false, null, last);
        Path second = runUntilStopped(4, "rocksdb", true, first, last);
        JobResult end = run(job(1, 0, "rocksdb", false), second);
        collect(end, last);
        assertOracle(last);
    }

    @Test
    void incrementalCheckpoints_writeLittleWhenFewKeysChange_andSharedFilesAreReferenceCounted() throws Exception {
        // a savepoint with many users, then a slow job on incremental RocksDB restored from it
        Map<Long, Long> last = new HashMap<>();
        Path savepoint = runUntilStopped(2, "hashmap", false, null, last);
        Path checkpoints = dir.resolve("incremental");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.dir", checkpoints.toString());
        config.put("execution.checkpointing.num-retained", 2);
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        config.put("state.backend.type", "rocksdb");
        config.put("state.backend.incremental", true);
        ValidatedJob slow = validate(document(2, 500, config));
        String jobId;
        try (JobExecution job = JobExecution.start(slow, RunOptions.defaults(), new FaultInjector(), savepoint)) {
            jobId = job.jobId();
            long deadline = System.currentTimeMillis() + 20_000;
            while (job.checkpoints().counts().completed() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            // the first checkpoint after the restore uploads everything; later ones only new files (and, after a
            // compaction, its output), so the typical one writes a small part of the state
            List<CheckpointStats> later = job.checkpoints().history().stream()
                    .filter(c -> c.status() == io.checkpointstudio.engine.checkpoint.CheckpointStatus.COMPLETED)
                    .sorted(java.util.Comparator.comparingLong(CheckpointStats::id)).skip(1).toList();
            assertThat(later).hasSizeGreaterThanOrEqualTo(4);
            long[] written = later.stream().mapToLong(CheckpointStats::checkpointedSize).sorted().toArray();
            long stateSize = later.get(later.size() - 1).stateSize();
            assertThat(stateSize).isPositive();
            assertThat(written[written.length / 2]).as("median bytes written by a checkpoint, of %d", stateSize).isLessThan(stateSize / 4);
            assertThat(later).allMatch(c -> c.checkpointedSize() <= c.stateSize());
            job.cancel();
            job.result().get(30, TimeUnit.SECONDS);
        }
        Path jobDir = checkpoints.resolve(jobId);
        List<Path> retained = CheckpointStorage.checkpointDirs(jobDir);
        assertThat(retained).hasSize(2);
        Set<String> referenced = new HashSet<>();
        for (Path chk : retained) {
            CheckpointMetadata md = CheckpointStorage.readMetadata(chk);
            Set<String> files = SharedStateRegistry.referencedBy(md);
            assertThat(files).isNotEmpty();
            for (String f : files) {
                assertThat(jobDir.resolve("shared").resolve(f)).as("referenced by " + chk.getFileName()).isRegularFile();
            }
            referenced.addAll(files);
            // every retained checkpoint restores (read through the canonical conversion)
            assertThat(StateEntries.read(chk, ClicksJob.SUM)).isNotEmpty();
        }
        Set<String> present = new HashSet<>();
        try (Stream<Path> s = Files.list(jobDir.resolve("shared"))) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertThat(present).as("no shared file is kept that no retained checkpoint needs").isEqualTo(referenced);

        // and a truncated SST file is a clear error naming it
        Path newest = retained.get(0);
        IncrementalStateHandle handle = nativeHandles(CheckpointStorage.readMetadata(newest)).get(0);
        Path sst = jobDir.resolve("shared").resolve(handle.sharedFiles().get(0).file());
        byte[] bytes = Files.readAllBytes(sst);
        Files.write(sst, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> StateEntries.read(newest, ClicksJob.SUM))
                .hasMessageContaining(sst.getFileName().toString()).hasMessageContaining("truncated");
    }

    private static List<IncrementalStateHandle> nativeHandles(CheckpointMetadata md) {
        List<IncrementalStateHandle> out = new ArrayList<>();
        for (TaskStateHandle t : md.tasks()) {
            for (SubtaskStateHandle s : t.subtasks()) {
                for (OperatorStateHandle o : s.operators()) {
                    if (o.incremental() != null) {
                        out.add(o.incremental());
                    }
                }
            }
        }
        return out;
    }

    private static boolean hasNativeState(Path snapshot) throws Exception {
        return !nativeHandles(SnapshotRestore.open(snapshot).metadata()).isEmpty();
    }

    private static void assertOracle(Map<Long, Long> last) {
        long[] expected = ClicksOracle.countsPerUser(EVENTS, USERS, 42);
        for (int u = 0; u < USERS; u++) {
            assertThat(last.getOrDefault((long) u, 0L)).as("user " + u).isEqualTo(expected[u]);
        }
    }

    /** Runs the job from {@code from} (or fresh) for a moment, stops it with a savepoint, and returns the savepoint. */
    private Path runUntilStopped(int parallelism, String backend, boolean incremental, Path from, Map<Long, Long> last) throws Exception {
        try (JobExecution job = JobExecution.start(job(parallelism, 150_000, backend, incremental), RunOptions.defaults(), new FaultInjector(), from)) {
            Thread.sleep(500);
            Path savepoint = job.triggerSavepoint(dir.resolve("savepoints"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            JobResult r = job.result().get(30, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            collect(r, last);
            return savepoint;
        }
    }

    private JobResult run(ValidatedJob job, Path from) throws Exception {
        try (JobExecution e = JobExecution.start(job, RunOptions.defaults(), new FaultInjector(), from)) {
            JobResult r = e.result().get(60, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            return r;
        }
    }

    private static void collect(JobResult r, Map<Long, Long> last) {
        for (Object[] row : CollectSink.rows(r.results().of("collected"))) {
            last.put((Long) row[0], (Long) row[1]);
        }
    }

    private ValidatedJob job(int parallelism, long eventsPerSecond, String backend, boolean incremental) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        config.put("state.backend.type", backend);
        config.put("state.backend.incremental", incremental);
        return validate(document(parallelism, eventsPerSecond, config));
    }

    private JobDocument document(int parallelism, long eventsPerSecond, Map<String, Object> config) {
        JobDocument d = ClicksJob.document(EVENTS, USERS, parallelism, config);
        List<OperatorSpec> ops = new ArrayList<>(d.operators());
        ops.set(0, OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks", Map.of("events", EVENTS, "users", (long) USERS, "eventsPerSecond", eventsPerSecond)));
        ops.set(ops.size() - 1, OperatorSpec.of("collected", "collect", Map.of("limit", 10_000_000L)));
        return d.withOperators(ops).withEdges(d.edges().stream()
                .map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), "collected") : e).toList());
    }

    private static ValidatedJob validate(JobDocument d) {
        try {
            return JobValidator.standard().validate(d).orThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
