package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time windows across a failure: a file of 200,000 events (37 keys, timestamps 5 ms apart with up
 * to 40 ms of disorder, within the declared 50 ms, so no event is ever late) is counted per key in
 * tumbling 1 s windows. With a failure in the middle, the open windows come back from the checkpoint and
 * the source rereads from its checkpointed line: every window result equals the count computed from the
 * file (none partial, none doubled), and the distinct results are those of the run without failure.
 * Windows that fired between the checkpoint and the failure fire again after the restore, with the same
 * count: a sink that keeps what it saw may see such a result twice, never a different one.
 */
class WindowRecoveryTest {
    private static final int EVENTS = 200_000;
    private static final int KEYS = 37;
    private static final long WINDOW_MS = 1000;

    @TempDir
    Path dir;

    @Test
    void eventTimeWindows_withAFailureInTheMiddle_giveTheSameResultsAsWithout() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Map<WindowKey, Long> expected = writeEvents(file);

        Map<WindowKey, Long> withoutFailure = run(file, false).distinct;
        Outcome withFailure = run(file, true);

        assertThat(withoutFailure).as("results without failure").isEqualTo(expected);
        assertThat(withFailure.distinct).as("results with a failure").isEqualTo(expected);
        assertThat(withFailure.rows).as("result rows the sink received").isGreaterThanOrEqualTo(expected.size());
    }

    private record WindowKey(String key, long start, long end) {
    }

    private record Outcome(Map<WindowKey, Long> distinct, long rows) {
    }

    private Outcome run(Path file, boolean fail) throws Exception {
        Map<String, Object> config = new java.util.LinkedHashMap<>(Recovery.config(dir.resolve(fail ? "chk-fail" : "chk"), "EXACTLY_ONCE", 50, 1));
        config.put("parallelism.default", 2);
        JobDocument job = JobHarness.chain(config,
                op("events", "file-source", "path", file.toString(), "format", "JSON",
                        "schema", List.of(map("name", "key", "type", "string"), map("name", "ts", "type", "long")),
                        "eventTimeField", "ts", "maxOutOfOrderness", "50ms"),
                op("by-key", "key-by", "key", "key"),
                op("windows", "window", "kind", "TUMBLING", "size", "1s", "time", "EVENT", "timeField", "ts", "aggregate", "COUNT"),
                op(Recovery.OUT, "collect", "limit", 1_000_000L));
        FaultInjector faults = new FaultInjector();
        faults.slow("windows", 10); // about 1 s of work, so that checkpoints complete before the failure
        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            AtomicLong failedAfter = new AtomicLong();
            if (fail) {
                execution.events().subscribe(e -> {
                    if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 3 && failedAfter.compareAndSet(0, c.checkpointId())) {
                        faults.failNow("windows", -1);
                    }
                });
            }
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(JobHarness.counter(result, "windows", "numLateRecordsDropped")).isZero();
            if (fail) {
                assertThat(execution.restores()).hasSize(1);
                assertThat(execution.restores().get(0).checkpointId()).isGreaterThanOrEqualTo(failedAfter.get()).isPositive();
                ExactlyOnceRecoveryTest.assertRestoredEvent(execution);
            } else {
                assertThat(execution.restores()).isEmpty();
            }
            Map<WindowKey, Long> distinct = new HashMap<>();
            List<List<Object>> rows = JobHarness.rows(result, Recovery.OUT);
            for (List<Object> row : rows) {
                WindowKey w = new WindowKey((String) row.get(0), (Long) row.get(1), (Long) row.get(2));
                Long previous = distinct.put(w, (Long) row.get(3));
                assertThat(previous).as("window %s emitted twice with different counts", w).isIn(null, row.get(3));
            }
            if (!fail) {
                assertThat(rows).as("each window once without failure").hasSize(distinct.size());
            }
            return new Outcome(distinct, rows.size());
        }
    }

    /** Writes the events and returns the count of every (key, window) computed from them. */
    private static Map<WindowKey, Long> writeEvents(Path file) throws Exception {
        Map<WindowKey, Long> counts = new TreeMap<>(java.util.Comparator.comparing(WindowKey::key).thenComparingLong(WindowKey::start));
        SplittableRandom random = new SplittableRandom(11);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EVENTS; i++) {
                String key = "k" + random.nextInt(KEYS);
                long ts = 5L * i + random.nextInt(40);
                out.write("{\"key\":\"" + key + "\",\"ts\":" + ts + "}\n");
                long start = ts - ts % WINDOW_MS;
                counts.merge(new WindowKey(key, start, start + WINDOW_MS), 1L, Long::sum);
            }
        }
        return counts;
    }
}
