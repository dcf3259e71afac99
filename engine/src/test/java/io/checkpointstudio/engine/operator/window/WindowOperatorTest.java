package io.checkpointstudio.engine.operator.window;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.counter;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.row;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyed windows driven end to end (file source with event time → key-by → window → collect) and checked
 * against outputs worked out by hand. {@code watermarkMode: PER_RECORD} makes the source emit a
 * watermark right after every record that raises the largest event time seen, so which records are late
 * does not depend on timing. The watermark after a record is {@code max ts seen - maxOutOfOrderness - 1};
 * a window {@code [start, end)} fires when the watermark reaches {@code end - 1}; a record is late (dropped
 * and counted in {@code numLateRecordsDropped}) when every window it belongs to has already fired.
 *
 * <p>Tests whose outcome depends on which records are late read the file with one source subtask (an
 * operator-level parallelism of 1): with several source subtasks the window sees the minimum of their
 * watermarks, which depends on how fast each subtask runs. The windows themselves still run with the
 * parallelism under test, and keys "a" and "b" land on different subtasks at parallelism 2.
 */
class WindowOperatorTest {
    private static final String LATE = "numLateRecordsDropped";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void tumblingEventTimeCount_countsEachKeyPerWindow(int parallelism) throws Exception {
        // Tumbling 10 s windows [0,10000), [10000,20000), [20000,30000); no out-of-orderness.
        //   a@1000   -> [0,10000)         watermark 999
        //   b@2000   -> [0,10000)         watermark 1999
        //   a@9999   -> [0,10000)         watermark 9998: [0,10000) needs 9999, stays open
        //   a@10000  -> [10000,20000)     watermark 9999: [0,10000) fires (a=2, b=1)
        //   b@15000  -> [10000,20000)     watermark 14999
        //   a@25000  -> [20000,30000)     watermark 24999: [10000,20000) needs 19999, fires (a=1, b=1)
        //   b@29999  -> [20000,30000)     watermark 29998: [20000,30000) needs 29999, stays open
        // End of input: the final watermark (Long.MAX_VALUE) fires [20000,30000) (a=1, b=1).
        Path file = write("events.jsonl",
                event("a", 1000, 0), event("b", 2000, 0), event("a", 9999, 0), event("a", 10000, 0),
                event("b", 15000, 0), event("a", 25000, 0), event("b", 29999, 0));

        JobResult result = JobHarness.run(windowJob(file, parallelism, 0, parallelism,
                "kind", "TUMBLING", "size", "10s", "aggregate", "COUNT"));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row("a", 0L, 10000L, 2L), row("b", 0L, 10000L, 1L),
                row("a", 10000L, 20000L, 1L), row("b", 10000L, 20000L, 1L),
                row("a", 20000L, 30000L, 1L), row("b", 20000L, 30000L, 1L));
        assertThat(counter(result, "window", LATE)).isZero();
        if (parallelism == 2) {
            // Keys "a" and "b" belong to different key groups owned by different subtasks.
            assertThat(result.results().of("out")).allSatisfy(c -> assertThat(((CollectSink.Collected) c).total()).isEqualTo(3));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void tumblingWindows_fireOldestFirst(int parallelism) throws Exception {
        // One key, so one subtask sees everything and the collect sink keeps firing order:
        //   a@500 a@1500 a@2500 with 1 s windows; each record's watermark (ts - 1) closes the window before.
        //   a@1500 -> watermark 1499 fires [0,1000); a@2500 -> 2499 fires [1000,2000); the end fires [2000,3000).
        Path file = write("events.jsonl", event("a", 500, 0), event("a", 1500, 0), event("a", 2500, 0));

        JobResult result = JobHarness.run(windowJob(file, parallelism, 0, parallelism,
                "kind", "TUMBLING", "size", "1s", "aggregate", "COUNT"));

        assertThat(rows(result, "out")).containsExactly(
                row("a", 0L, 1000L, 1L), row("a", 1000L, 2000L, 1L), row("a", 2000L, 3000L, 1L));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void longKeys_areWindowedPerKey(int parallelism) throws Exception {
        // Tumbling 5 s windows over users 4 and 7 (different subtasks at parallelism 2), summing amount:
        //   [0,5000):     user 4: 10 (ts 100) + 5 (ts 4999) = 15; user 7: 1 (ts 200)
        //   [5000,10000): user 4: 2 (ts 5000);                  user 7: 3 (ts 6000) + 4 (ts 9000) = 7
        Path file = write("clicks.jsonl",
                "{\"userId\": 4, \"ts\": 100, \"amount\": 10}",
                "{\"userId\": 7, \"ts\": 200, \"amount\": 1}",
                "{\"userId\": 4, \"ts\": 4999, \"amount\": 5}",
                "{\"userId\": 4, \"ts\": 5000, \"amount\": 2}",
                "{\"userId\": 7, \"ts\": 6000, \"amount\": 3}",
                "{\"userId\": 7, \"ts\": 9000, \"amount\": 4}");
        List<Map<String, Object>> schema = List.of(
                map("name", "userId", "type", "long"), map("name", "ts", "type", "long"), map("name", "amount", "type", "long"));
        JobDocument job = chain(config(parallelism),
                op("clicks", "file-source", "path", file.toString(), "format", "JSON", "schema", schema,
                        "eventTimeField", "ts", "watermarkMode", "PER_RECORD", "maxOutOfOrderness", "0ms"),
                op("by-user", "key-by", "key", "userId"),
                op("window", "window", "kind", "TUMBLING", "size", "5s", "timeField", "ts", "aggregate", "SUM", "field", "amount"),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row(4L, 0L, 5000L, 15L), row(7L, 0L, 5000L, 1L),
                row(4L, 5000L, 10000L, 2L), row(7L, 5000L, 10000L, 7L));
    }

    static Stream<Arguments> slidingAggregates() {
        // Sliding windows of 10 s every 5 s: a record at ts lies in [s, s+10000) for the two starts s
        // that are multiples of 5000 with ts - 10000 < s <= ts. Records in time order (none is late):
        //   a@1000 v4   -> [-5000,5000) and [0,10000)
        //   b@3000 v7   -> [-5000,5000) and [0,10000)
        //   a@6000 v10  -> [0,10000)     and [5000,15000)
        //   b@9000 v1   -> [0,10000)     and [5000,15000)
        //   a@12000 v-3 -> [5000,15000)  and [10000,20000)
        //   b@14000 v20 -> [5000,15000)  and [10000,20000)
        // Values per window: [-5000,5000) a{4} b{7}; [0,10000) a{4,10} b{7,1};
        //                    [5000,15000) a{10,-3} b{1,20}; [10000,20000) a{-3} b{20}
        Map<String, List<List<Object>>> expected = Map.of(
                "SUM", rowsPerWindow(4L, 7L, 14L, 8L, 7L, 21L, -3L, 20L),
                "MIN", rowsPerWindow(4L, 7L, 4L, 1L, -3L, 1L, -3L, 20L),
                "MAX", rowsPerWindow(4L, 7L, 10L, 7L, 10L, 20L, -3L, 20L),
                "AVG", rowsPerWindow(4.0, 7.0, 7.0, 4.0, 3.5, 10.5, -3.0, 20.0));
        List<Arguments> args = new ArrayList<>();
        for (String aggregate : List.of("SUM", "MIN", "MAX", "AVG")) {
            for (int p : new int[] {1, 2}) {
                args.add(Arguments.of(aggregate, p, expected.get(aggregate)));
            }
        }
        return args.stream();
    }

    /** Rows for the four sliding windows above, given (a, b) values per window in window order. */
    private static List<List<Object>> rowsPerWindow(Object... valuesAB) {
        long[] starts = {-5000, 0, 5000, 10000};
        List<List<Object>> out = new ArrayList<>();
        for (int w = 0; w < starts.length; w++) {
            out.add(row("a", starts[w], starts[w] + 10000, valuesAB[2 * w]));
            out.add(row("b", starts[w], starts[w] + 10000, valuesAB[2 * w + 1]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @MethodSource("slidingAggregates")
    void slidingWindow_aggregatesEveryWindowARecordBelongsTo(String aggregate, int parallelism, List<List<Object>> expected) throws Exception {
        Path file = write("events.jsonl",
                event("a", 1000, 4), event("b", 3000, 7), event("a", 6000, 10),
                event("b", 9000, 1), event("a", 12000, -3), event("b", 14000, 20));

        JobResult result = JobHarness.run(windowJob(file, parallelism, 0, parallelism,
                "kind", "SLIDING", "size", "10s", "slide", "5s", "aggregate", aggregate, "field", "value"));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counter(result, "window", LATE)).isZero();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void outOfOrderRecordsWithinTheBound_areNotLate(int parallelism) throws Exception {
        // maxOutOfOrderness 5 s: the watermark is max ts - 5001. Tumbling 10 s windows.
        //   a@1000   watermark 1000 - 5001 = -4001
        //   a@12000  watermark 6999  ([0,10000) needs 9999: open)
        //   a@8000   4 s behind the max, within the bound; watermark stays 6999; [0,10000) open -> counted
        //   a@14999  watermark 9998  ([0,10000) still open)
        //   a@9999   behind the max by exactly 5000; watermark 9998 < 9999 -> counted in [0,10000)
        //   b@11000  watermark unchanged -> [10000,20000)
        // End: [0,10000) a=3 (1000, 8000, 9999); [10000,20000) a=2 (12000, 14999), b=1 (11000).
        Path file = write("events.jsonl",
                event("a", 1000, 0), event("a", 12000, 0), event("a", 8000, 0),
                event("a", 14999, 0), event("a", 9999, 0), event("b", 11000, 0));

        JobResult result = JobHarness.run(windowJob(file, parallelism, 5000, parallelism,
                "kind", "TUMBLING", "size", "10s", "aggregate", "COUNT"));

        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row("a", 0L, 10000L, 3L), row("a", 10000L, 20000L, 2L), row("b", 10000L, 20000L, 1L));
        assertThat(counter(result, "window", LATE)).isZero();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void lateRecord_isDroppedAndCounted(int parallelism) throws Exception {
        // maxOutOfOrderness 5 s, tumbling 10 s windows, one source subtask.
        //   a@1000   -> [0,10000)
        //   b@15000  watermark 9999: [0,10000) fires (a=1)
        //   a@9999   5001 ms behind the max, beyond the bound: its only window [0,10000) has fired
        //            (9999 <= watermark 9999) -> dropped, numLateRecordsDropped = 1
        //   a@10000  exactly 5000 ms behind: [10000,20000) ends at 19999 > 9999 -> counted
        //   b@3000   far behind: [0,10000) has fired -> dropped, numLateRecordsDropped = 2
        // End: [10000,20000) a=1 (10000), b=1 (15000).
        Path file = write("events.jsonl",
                event("a", 1000, 0), event("b", 15000, 0), event("a", 9999, 0), event("a", 10000, 0), event("b", 3000, 0));

        JobResult result = JobHarness.run(windowJob(file, 1, 5000, parallelism,
                "kind", "TUMBLING", "size", "10s", "aggregate", "COUNT"));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row("a", 0L, 10000L, 1L), row("a", 10000L, 20000L, 1L), row("b", 10000L, 20000L, 1L));
        assertThat(counter(result, "window", LATE)).isEqualTo(2);
        assertThat(result.operators().get("window").recordsIn()).isEqualTo(5);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void window_firesWhenTheWatermarkReachesEndMinusOne(int parallelism) throws Exception {
        // No out-of-orderness: the watermark after a record is max ts - 1. Tumbling 10 s windows.
        //   a@5000   watermark 4999
        //   a@9999   watermark 9998: [0,10000) needs 9999, stays open
        //   a@9000   behind the watermark, but its window is still open -> counted
        //   a@10000  watermark 9999: [0,10000) fires with 5000, 9999, 9000 (a=3)
        //   a@9999   its window has fired -> late, dropped
        //   a@12000  -> [10000,20000)
        // End: [10000,20000) a=2 (10000, 12000).
        Path file = write("events.jsonl",
                event("a", 5000, 0), event("a", 9999, 0), event("a", 9000, 0),
                event("a", 10000, 0), event("a", 9999, 0), event("a", 12000, 0));

        JobResult result = JobHarness.run(windowJob(file, 1, 0, parallelism,
                "kind", "TUMBLING", "size", "10s", "aggregate", "COUNT"));

        assertThat(rows(result, "out")).containsExactly(row("a", 0L, 10000L, 3L), row("a", 10000L, 20000L, 2L));
        assertThat(counter(result, "window", LATE)).isEqualTo(1);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void windowResults_goDownstreamBeforeTheWatermarkThatFiredThem(int parallelism) throws Exception {
        // Two windows in a row; the second takes the first one's window_start as event time. A window emits
        // what a watermark fires before passing that watermark on, so the second window never sees the
        // first one's results as late. Tumbling 10 s windows in both, no out-of-orderness:
        //   a@1000, a@3000, b@2000  first window: [0,10000) a=2, b=1 open; watermark 2999 passed on
        //   a@10000  watermark 9999: first window emits (a,0,..,2) (b,0,..,1), then passes 9999 on; in the
        //            second window they land in [0,10000), still open at watermark 2999 -> counted
        //            (had the first window fired one watermark later, 9999 would already have closed it)
        //   b@25000  watermark 24999: first window emits (a,10000,..,1) -> second window [10000,20000)
        //   end      first window emits (b,20000,..,1) -> second window [20000,30000); all fire
        // Second window (SUM of count): (a,0,10000,2) (b,0,10000,1) (a,10000,20000,1) (b,20000,30000,1).
        Path file = write("events.jsonl",
                event("a", 1000, 0), event("a", 3000, 0), event("b", 2000, 0), event("a", 10000, 0), event("b", 25000, 0));
        OperatorSpec source = op("events", "file-source", "path", file.toString(), "format", "JSON", "schema", eventSchema(),
                "eventTimeField", "ts", "watermarkMode", "PER_RECORD", "maxOutOfOrderness", "0ms").withParallelism(1);
        JobDocument job = chain(config(parallelism),
                source,
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "size", "10s", "timeField", "ts", "aggregate", "COUNT"),
                op("by-key-again", "key-by", "key", "key"),
                op("second", "window", "size", "10s", "timeField", "window_start", "aggregate", "SUM", "field", "count"),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row("a", 0L, 10000L, 2L), row("b", 0L, 10000L, 1L), row("a", 10000L, 20000L, 1L), row("b", 20000L, 30000L, 1L));
        assertThat(counter(result, "window", LATE)).isZero();
        assertThat(counter(result, "second", LATE)).isZero();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void recordLateForOneSlidingWindow_isKeptInTheOther(int parallelism) throws Exception {
        // Sliding 10 s every 5 s, no out-of-orderness, summing value.
        //   a@1000 v1 -> [-5000,5000), [0,10000)
        //   a@5000 v2 -> [0,10000), [5000,15000); watermark 4999 fires [-5000,5000) (sum 1)
        //   a@4000 v3 -> [-5000,5000) has fired (4999 <= 4999): skipped for that window only;
        //               [0,10000) is open -> added there; not dropped, so not counted as late
        // End: [0,10000) 1+2+3 = 6; [5000,15000) 2.
        Path file = write("events.jsonl", event("a", 1000, 1), event("a", 5000, 2), event("a", 4000, 3));

        JobResult result = JobHarness.run(windowJob(file, 1, 0, parallelism,
                "kind", "SLIDING", "size", "10s", "slide", "5s", "aggregate", "SUM", "field", "value"));

        assertThat(rows(result, "out")).containsExactly(
                row("a", -5000L, 5000L, 1L), row("a", 0L, 10000L, 6L), row("a", 5000L, 15000L, 2L));
        assertThat(counter(result, "window", LATE)).isZero();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void windowsTheWatermarkNeverPassed_fireAtEndOfInput(int parallelism) throws Exception {
        // maxOutOfOrderness 1 h: after the last record (ts 25000) the watermark is 25000 - 3600001 < 0,
        // so no window fires while records flow. The final watermark at end of input fires them all:
        //   [0,10000) a=2 (1000, 2000), b=1 (3000); [20000,30000) a=1 (25000)
        Path file = write("events.jsonl", event("a", 1000, 0), event("a", 2000, 0), event("b", 3000, 0), event("a", 25000, 0));

        JobResult result = JobHarness.run(windowJob(file, parallelism, 3_600_000, parallelism,
                "kind", "TUMBLING", "size", "10s", "aggregate", "COUNT"));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactlyInAnyOrder(
                row("a", 0L, 10000L, 2L), row("b", 0L, 10000L, 1L), row("a", 20000L, 30000L, 1L));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void autoWatermarkIntervalZero_meansNoWatermarkBeforeTheEndOfInput(int parallelism) throws Exception {
        // As in Flink, an interval of 0 turns periodic watermarks off: a@2000 after a@15000 is not late (a
        // watermark after every record would have fired [0,10000) at 14999 and dropped it); every window fires
        // at the end of the input.
        Path file = write("events.jsonl", event("a", 1000, 0), event("a", 15000, 0), event("a", 2000, 0));
        JobDocument job = chain(map("parallelism.default", parallelism, "pipeline.auto-watermark-interval", "0"),
                op("events", "file-source", "path", file.toString(), "format", "JSON", "schema", eventSchema(),
                        "eventTimeField", "ts").withParallelism(1),
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "size", "10s", "timeField", "ts", "aggregate", "COUNT"),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(rows(result, "out")).containsExactlyInAnyOrder(row("a", 0L, 10000L, 2L), row("a", 10000L, 20000L, 1L));
        assertThat(counter(result, "window", LATE)).isZero();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void processingTimeTumbling_countsEveryRecordExactlyOnce(int parallelism) throws Exception {
        // Which wall-clock window a record falls into is not predictable, so only totals are checked:
        // 3000 records over 10 keys; every window of every key is emitted once and the counts add up.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(event("k" + (i % 10), i, 0));
        }
        Path file = write("events.jsonl", lines.toArray(String[]::new));
        JobDocument job = chain(config(parallelism),
                op("events", "file-source", "path", file.toString(), "format", "JSON", "schema", eventSchema()),
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "kind", "TUMBLING", "size", "20ms", "time", "PROCESSING", "aggregate", "COUNT"),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertProcessingTimeTotals(rows(result, "out"), 20, 10, 300);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void processingTimeWindow_isNotFiredByEventTimeWatermarks(int parallelism) throws Exception {
        // The source declares event time far in the future (year 2100), so its watermarks are far past the
        // wall clock. Processing-time windows follow the clock only (as in Flink, where a watermark never
        // fires a processing-time window): each key and window must still be emitted once, with all records.
        long year2100 = 4_102_444_800_000L;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(event("k" + (i % 4), year2100 + i, 0));
        }
        Path file = write("events.jsonl", lines.toArray(String[]::new));
        JobDocument job = chain(config(parallelism),
                op("events", "file-source", "path", file.toString(), "format", "JSON", "schema", eventSchema(),
                        "eventTimeField", "ts", "watermarkMode", "PER_RECORD"),
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "kind", "TUMBLING", "size", "1min", "time", "PROCESSING", "aggregate", "COUNT"),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertProcessingTimeTotals(rows(result, "out"), 60_000, 4, 500);
    }

    /** Every (key, window) once, windows of the given size, and per key the counts add up to the records. */
    private static void assertProcessingTimeTotals(List<List<Object>> out, long sizeMillis, int keys, long perKey) {
        Set<List<Object>> windows = new HashSet<>();
        Map<Object, Long> countPerKey = new HashMap<>();
        for (List<Object> r : out) {
            assertThat(windows.add(List.of(r.get(0), r.get(1)))).as("window %s of key %s emitted once", r.get(1), r.get(0)).isTrue();
            assertThat((long) r.get(2) - (long) r.get(1)).isEqualTo(sizeMillis);
            assertThat((long) r.get(1) % sizeMillis).isZero();
            countPerKey.merge(r.get(0), (Long) r.get(3), Long::sum);
        }
        assertThat(countPerKey).hasSize(keys);
        assertThat(countPerKey.values()).allSatisfy(c -> assertThat(c).isEqualTo(perKey));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String event(String key, long ts, long value) {
        return "{\"key\": \"" + key + "\", \"ts\": " + ts + ", \"value\": " + value + "}";
    }

    private static List<Map<String, Object>> eventSchema() {
        return List.of(map("name", "key", "type", "string"), map("name", "ts", "type", "long"), map("name", "value", "type", "long"));
    }

    private static Map<String, Object> config(int parallelism) {
        return map("parallelism.default", parallelism);
    }

    /**
     * file-source (event time from ts) → key-by key → window (timeField ts and the given params) → collect.
     *
     * @param sourceParallelism the file source's own parallelism
     * @param outOfOrdernessMs  the source's maxOutOfOrderness
     */
    private static JobDocument windowJob(Path file, int sourceParallelism, long outOfOrdernessMs, int parallelism,
                                         Object... windowParams) {
        Object[] params = new Object[windowParams.length + 2];
        System.arraycopy(windowParams, 0, params, 0, windowParams.length);
        params[windowParams.length] = "timeField";
        params[windowParams.length + 1] = "ts";
        OperatorSpec source = op("events", "file-source", "path", file.toString(), "format", "JSON", "schema", eventSchema(),
                "eventTimeField", "ts", "watermarkMode", "PER_RECORD", "maxOutOfOrderness", outOfOrdernessMs + "ms").withParallelism(sourceParallelism);
        return chain(config(parallelism),
                source,
                op("by-key", "key-by", "key", "key"),
                op("window", "window", params),
                op("out", "collect"));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
