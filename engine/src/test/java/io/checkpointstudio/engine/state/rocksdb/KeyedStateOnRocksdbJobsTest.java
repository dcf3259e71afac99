package io.checkpointstudio.engine.state.rocksdb;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.checkpoint.SubtaskStateHandle;
import io.checkpointstudio.engine.checkpoint.TaskStateHandle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows and string-keyed aggregations with {@code state.backend.type: rocksdb}: their state is in RocksDB
 * (incremental checkpoints reference SST files), a failure restores exactly, and a hashmap savepoint
 * restores into RocksDB at another parallelism. The input is the sequence 0..N-1: number {@code v} has
 * key {@code "u" + v % KEYS} and event time {@code v} ms, so every result has a closed form. The source
 * keeps parallelism 2 (a source subtask without a split would end early); the keyed operator rescales.
 */
class KeyedStateOnRocksdbJobsTest {
    private static final long N = 300_000;
    private static final int KEYS = 500;
    private static final long WINDOW_MS = 1000;

    @TempDir
    Path dir;

    private enum Kind { WINDOW, SUM }

    @Test
    void windowOnRocksdb_withAFailure_restoresFromIncrementalCheckpoints_andFiresEveryWindowExactly() throws Exception {
        assertFailureRestoresExactly(Kind.WINDOW);
    }

    @Test
    void stringKeyedSumOnRocksdb_withAFailure_restoresFromIncrementalCheckpoints_exactly() throws Exception {
        assertFailureRestoresExactly(Kind.SUM);
    }

    @Test
    void windowSavepointFromHashmap_restoresIntoRocksdbAt4_thenAt1_exactly() throws Exception {
        assertSavepointRescalesExactly(Kind.WINDOW);
    }

    @Test
    void stringKeyedSumSavepointFromHashmap_restoresIntoRocksdbAt4_thenAt1_exactly() throws Exception {
        assertSavepointRescalesExactly(Kind.SUM);
    }

    /** Windows that stay open (far-off watermark) in a slow job: each checkpoint writes a small part of the state. */
    @Test
    void incrementalCheckpointsOfAWindowJob_writeFarLessThanTheFullSize_whenFewKeysChange() throws Exception {
        Map<List<Object>, Object> results = new HashMap<>();
        // rate-limited: at full speed the bounded input can end before the savepoint on a fast (or idle) machine
        Path savepoint = runUntilStopped(Kind.WINDOW, "hashmap", 2, 100_000, null, results);
        Map<String, Object> config = config("rocksdb", 2);
        config.put("execution.checkpointing.interval", "100ms");
        try (JobExecution job = JobExecution.start(JobHarness.validate(document(Kind.WINDOW, config, 300, "1000s")), RunOptions.defaults(),
                new FaultInjector(), savepoint)) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (job.checkpoints().counts().completed() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<CheckpointStats> later = job.checkpoints().history().stream().filter(c -> c.status() == CheckpointStatus.COMPLETED)
                    .sorted(java.util.Comparator.comparingLong(CheckpointStats::id)).skip(1).toList();
            assertThat(later).hasSizeGreaterThanOrEqualTo(4);
            long[] written = later.stream().mapToLong(CheckpointStats::checkpointedSize).sorted().toArray();
            long stateSize = later.get(later.size() - 1).stateSize();
            assertThat(stateSize).isGreaterThan(100_000);
            assertThat(written[written.length / 2]).as("median bytes written by a checkpoint, of %d", stateSize).isLessThan(stateSize / 4);
            job.cancel();
            job.result().get(30, TimeUnit.SECONDS);
        }
    }

    private void assertFailureRestoresExactly(Kind kind) throws Exception {
        Map<String, Object> config = config("rocksdb", 2);
        config.put("execution.checkpointing.interval", "50ms");
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(stateful(kind), 0, N / 2 / 2);
        Map<List<Object>, Object> results = new HashMap<>();
        try (JobExecution execution = JobExecution.start(JobHarness.validate(document(kind, config, 400_000, "2s")), RunOptions.defaults(),
                faults, null)) {
            Path jobDir = dir.resolve("checkpoints").resolve(execution.jobId());
            assertNativeRocksdbStateWhileRunning(execution, jobDir, stateful(kind));
            JobResult result = execution.result().get(120, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a checkpoint").isPositive();
            collect(kind, result, results);
        }
        assertThat(results).isEqualTo(expected(kind));
    }

    /** Waits for a completed checkpoint and checks that the operator's state in it is native RocksDB files, not a key-group file. */
    private static void assertNativeRocksdbStateWhileRunning(JobExecution execution, Path jobDir, String operatorId) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (Path chk : CheckpointStorage.checkpointDirs(jobDir)) {
                List<OperatorStateHandle> handles = new ArrayList<>();
                try {
                    for (TaskStateHandle t : CheckpointStorage.readMetadata(chk).tasks()) {
                        for (SubtaskStateHandle s : t.subtasks()) {
                            s.operators().stream().filter(o -> o.operatorId().equals(operatorId)).forEach(handles::add);
                        }
                    }
                } catch (java.io.IOException deletedMeanwhile) {
                    continue;
                }
                if (!handles.isEmpty()) {
                    assertThat(handles).allSatisfy(h -> {
                        assertThat(h.keyed()).as("no canonical key-group file").isNull();
                        assertThat(h.incremental()).as("RocksDB files").isNotNull();
                        assertThat(h.incremental().sharedFiles()).anySatisfy(f -> assertThat(f.localName()).endsWith(".sst"));
                    });
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint with state of " + operatorId + " in " + jobDir);
    }

    private void assertSavepointRescalesExactly(Kind kind) throws Exception {
        Map<List<Object>, Object> results = new HashMap<>();
        Path first = runUntilStopped(kind, "hashmap", 2, 400_000, null, results);
        assertThat(StateEntries.read(first, stateful(kind))).as("the savepoint holds state").isNotEmpty();
        Path second = runUntilStopped(kind, "rocksdb", 4, 400_000, first, results);
        try (JobExecution e = JobExecution.start(JobHarness.validate(document(kind, config("rocksdb", 1), 0, "1000s")), RunOptions.defaults(),
                new FaultInjector(), second)) {
            JobResult r = e.result().get(120, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            collect(kind, r, results);
        }
        assertThat(results).isEqualTo(expected(kind));
    }

    private Path runUntilStopped(Kind kind, String backend, int parallelism, long eventsPerSecond, Path from,
                                 Map<List<Object>, Object> results) throws Exception {
        try (JobExecution job = JobExecution.start(JobHarness.validate(document(kind, config(backend, parallelism), eventsPerSecond, "1000s")),
                RunOptions.defaults(), new FaultInjector(), from)) {
            Thread.sleep(300);
            Path savepoint = job.triggerSavepoint(dir.resolve("savepoints"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            JobResult r = job.result().get(30, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
            collect(kind, r, results);
            return savepoint;
        }
    }

    private Map<String, Object> config(String backend, int parallelism) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("parallelism.default", parallelism);
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        c.put("state.backend.type", backend);
        c.put("state.backend.incremental", true);
        return c;
    }

    private static String stateful(Kind kind) {
        return kind == Kind.WINDOW ? "windows" : "sums";
    }

    private static JobDocument document(Kind kind, Map<String, Object> config, long eventsPerSecond, String outOfOrderness) {
        OperatorSpec last = kind == Kind.WINDOW
                ? op("windows", "window", "kind", "TUMBLING", "size", "1s", "time", "EVENT", "timeField", "ts", "aggregate", "SUM", "field", "v")
                : op("sums", "sum", "field", "v");
        return JobHarness.chain(config,
                op("numbers", "datagen-sequence", "from", 0L, "to", N - 1, "eventsPerSecond", eventsPerSecond,
                        "eventTimeField", "value", "maxOutOfOrderness", outOfOrderness).withParallelism(2),
                op("keyed", "map", "fields", map("k", "\"u\" + (value % " + KEYS + ")", "ts", "value", "v", "value")).withParallelism(2),
                op("by-key", "key-by", "key", "k"),
                last,
                op("out", "collect", "limit", 10_000_000L));
    }

    /** Window results by (key, start), checking a repeated window repeats its value; sums: the largest running sum per key. */
    private static void collect(Kind kind, JobResult result, Map<List<Object>, Object> into) {
        for (List<Object> row : JobHarness.rows(result, "out")) {
            if (kind == Kind.WINDOW) {
                Object before = into.put(List.of(row.get(0), row.get(1)), row.get(3));
                assertThat(before).as("window %s emitted twice with different values", row).isIn(null, row.get(3));
            } else {
                into.merge(List.of(row.get(0)), row.get(1), (a, b) -> Math.max((Long) a, (Long) b));
            }
        }
    }

    private static Map<List<Object>, Object> expected(Kind kind) {
        Map<List<Object>, Object> out = new HashMap<>();
        for (long v = 0; v < N; v++) {
            String key = "u" + (v % KEYS);
            List<Object> k = kind == Kind.WINDOW ? List.of(key, v - v % WINDOW_MS) : List.of(key);
            out.merge(k, v, (a, b) -> (Long) a + (Long) b);
        }
        return out;
    }
}
