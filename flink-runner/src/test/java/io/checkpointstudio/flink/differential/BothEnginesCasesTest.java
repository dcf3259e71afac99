package io.checkpointstudio.flink.differential;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.flink.run.FlinkRunResult;
import io.checkpointstudio.flink.run.SharedMiniCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential cases: small jobs that are not samples, each run on the embedded engine and on Flink (one
 * MiniCluster shared by all of them, {@link SharedMiniCluster}), whose sinks must receive exactly the same
 * records (compared as sorted rows), or which must fail the same way. Each case aims at one thing the two
 * engines could disagree on: windows, reductions over doubles (whose sums depend on the order in which
 * each key's records arrive), null fields, CSV headers, unions, per-operator parallelism and watermarks.
 * Inputs are small files written here, so every case takes a second or two.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BothEnginesCasesTest {
    private static final List<Map<String, Object>> SALES = List.of(
            map("name", "region", "type", "string"), map("name", "ts", "type", "long"), map("name", "amount", "type", "double"));

    private static final List<Map<String, Object>> EVENTS = List.of(
            map("name", "key", "type", "string"), map("name", "ts", "type", "long"), map("name", "value", "type", "long"));

    private static final List<Map<String, Object>> ORDERS = List.of(
            map("name", "orderId", "type", "long"), map("name", "customer", "type", "string"), map("name", "amount", "type", "double"));

    private static final List<Map<String, Object>> VISITS = List.of(
            map("name", "name", "type", "string"), map("name", "city", "type", "string"), map("name", "visits", "type", "long"));

    @TempDir
    Path dir;

    /**
     * A window step on Flink must keep its upstream's parallelism: the event-time step used to get the key-by's
     * (2 here, where the source and map run at 1), and the round-robin hand-over to it reordered each key's
     * records, so a window's sum of doubles changed from run to run.
     */
    @Test
    void windowSumOfDoubles_afterAMapAtAnotherParallelism_isTheSameOnEveryFlinkRunAsOnTheEngine() throws Exception {
        Path file = write("sales.jsonl", salesLines(600));
        JobDocument doc = job(map("parallelism.default", 2),
                op("sales", "file-source", "path", file.toString(), "schema", SALES,
                        "eventTimeField", "ts", "maxOutOfOrderness", "1h").withParallelism(1),
                op("net", "map", "fields", map("region", "region", "ts", "ts", "amount", "amount * 0.81")).withParallelism(1),
                op("by-region", "key-by", "key", "region"),
                op("per-second", "window", "size", "1s", "timeField", "ts", "aggregate", "SUM", "field", "amount"),
                op("out", "collect"));

        List<String> engine = engineRows(doc, "out");
        assertThat(engine).hasSize(3 * 4);
        for (int run = 1; run <= 3; run++) {
            assertThat(flinkRows(doc, "out")).as("Flink run %d", run).isEqualTo(engine);
        }
    }

    /**
     * {@code pipeline.auto-watermark-interval: 0} is Flink's "no periodic watermarks": the only watermark is the
     * final one at the end of the input, so no record is late however far out of order (the engine used to send
     * a watermark after every record, and dropped a@2000 and b@3000 as late).
     */
    @Test
    void watermarkIntervalZero_sendsNoWatermarkBeforeTheEnd_soNothingIsLate() throws Exception {
        Path file = write("events.jsonl", event("a", 1000, 1), event("b", 500, 2), event("a", 15000, 3), event("b", 12000, 4),
                event("a", 2000, 5), event("b", 3000, 6));
        JobDocument doc = job(map("parallelism.default", 2, "pipeline.auto-watermark-interval", "0"),
                op("events", "file-source", "path", file.toString(), "schema", EVENTS, "eventTimeField", "ts").withParallelism(1),
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "size", "10s", "timeField", "ts", "aggregate", "SUM", "field", "value"),
                op("out", "collect"));

        List<String> engine = engineRows(doc, "out");

        assertThat(engine).containsExactly("[a, 0, 10000, 6]", "[a, 10000, 20000, 3]", "[b, 0, 10000, 8]", "[b, 10000, 20000, 4]");
        assertThat(flinkRows(doc, "out")).isEqualTo(engine);
    }

    /**
     * {@code watermarkMode: PER_RECORD}: a watermark right after every record that raises it, on both engines, so
     * the same records are late and dropped (one source subtask: with several, the window sees the smallest of
     * their watermarks, which depends on timing).
     */
    @Test
    void perRecordWatermarks_dropTheSameLateRecordsOnBothEngines() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add(event("k" + random.nextInt(5), i * 20L - random.nextInt(700), i));
        }
        Path file = write("events.jsonl", lines);
        JobDocument doc = job(map("parallelism.default", 2),
                op("events", "file-source", "path", file.toString(), "schema", EVENTS, "eventTimeField", "ts",
                        "maxOutOfOrderness", "300ms", "watermarkMode", "PER_RECORD").withParallelism(1),
                op("by-key", "key-by", "key", "key"),
                op("window", "window", "size", "1s", "timeField", "ts", "aggregate", "COUNT"),
                op("out", "collect"));

        List<String> engine = engineRows(doc, "out");
        long counted = engine.stream().mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1, r.length() - 1))).sum();
        assertThat(counted).as("some records are late and dropped").isLessThan(400).isGreaterThan(200);
        assertThat(flinkRows(doc, "out")).isEqualTo(engine);
    }

    /**
     * {@code skipHeader} skips the first line of every file whatever its labels (Flink used to skip only a line
     * equal to the field names, and failed on {@code Order ID,Customer,Amount} as if it were data).
     */
    @Test
    void csvHeadersWithOtherLabelsThanTheFieldNames_areSkippedOnBothEngines() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("orders"));
        Files.write(folder.resolve("2024-01.csv"), List.of("Order ID,Customer,Amount", "1,ann,12.5", "2,\"bob, jr\",", "3,cid,7.25"));
        Files.write(folder.resolve("2024-02.csv"), List.of("Order ID,Customer,Amount", "4,ann,1", "", "5,dan,2.75"));
        JobDocument doc = job(map("parallelism.default", 2),
                op("orders", "file-source", "path", folder.toString(), "format", "CSV", "skipHeader", true, "schema", ORDERS),
                op("out", "collect"));

        List<String> engine = engineRows(doc, "out");

        assertThat(engine).containsExactly("[1, ann, 12.5]", "[2, bob, jr, 0.0]", "[3, cid, 7.25]", "[4, ann, 1.0]", "[5, dan, 2.75]");
        assertThat(flinkRows(doc, "out")).isEqualTo(engine);
    }

    /** A first line that reads as a record is no header: both engines fail, saying so and naming the file. */
    @Test
    void csvFirstLineThatReadsAsARecord_failsOnBothEngines_asNotRecognisedAsAHeader() throws Exception {
        Path file = write("orders.csv", "1,ann,12.5", "2,bob,3");
        JobDocument doc = job(map("restart-strategy.type", "none"),
                op("orders", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", ORDERS),
                op("out", "collect"));
        String expected = file + " line 1: not recognised as a header: it reads as a record (orderId=1, customer=ann, amount=12.5)";

        assertThat(engineFailure(doc)).contains(expected);
        assertThat(flinkFailure(doc)).contains("file-source 'orders': " + expected);
    }

    /**
     * A record whose key is null fails the job at the key-by on both engines, with a message naming the key-by and
     * the field (the engine grouped such records under a null key; Flink failed with "Assigned key must not be
     * null!" naming neither).
     */
    @Test
    void nullKey_failsOnBothEngines_namingTheKeyByAndTheField() throws Exception {
        Path file = write("visits.jsonl", "{\"name\": \"ann\", \"visits\": 1}", "{\"city\": \"oslo\", \"visits\": 2}");
        JobDocument doc = job(map("parallelism.default", 2, "restart-strategy.type", "none"),
                op("visits", "file-source", "path", file.toString(), "schema", VISITS).withParallelism(1),
                op("by-name", "key-by", "key", "name"),
                op("total", "sum", "field", "visits"),
                op("out", "collect"));
        String expected = "key-by 'by-name': field 'name' is null in a record, and a record cannot be keyed by null;"
                + " filter such records out before the key-by (condition: name != null)";

        assertThat(validate(doc).warnings()).anySatisfy(w -> assertThat(w.message()).contains("field 'name' can be null here"));
        assertThat(engineFailure(doc)).contains(expected);
        assertThat(flinkFailure(doc)).contains(expected);
    }

    /**
     * Null string fields (JSON lines without them) go through filters, maps ({@code coalesce}, conditionals, string
     * concatenation) and sinks the same way on both engines; a key-by may also feed an operator that is not keyed.
     */
    @Test
    void nullFields_travelTheSameWayOnBothEngines() throws Exception {
        Path file = write("visits.jsonl", "{\"name\": \"ann\", \"city\": \"oslo\", \"visits\": 1}", "{\"city\": \"rome\", \"visits\": 2}",
                "{\"name\": \"bob\", \"visits\": 3}", "{\"visits\": 4}", "{\"name\": null, \"city\": null, \"visits\": 5}",
                "{\"name\": \"ann\", \"visits\": 6}");
        JobDocument doc = graph(map("parallelism.default", 2), List.of(
                        op("visits", "file-source", "path", file.toString(), "schema", VISITS).withParallelism(1),
                        op("named", "map", "fields", map("name", "coalesce(name, \"none\")", "city", "city",
                                "where", "city == null ? \"?\" : \"in \" + city", "visits", "visits")),
                        op("by-name", "key-by", "key", "name"),
                        op("per-name", "count"),
                        op("counts", "collect"),
                        op("rows", "collect"),
                        op("with-city", "filter", "condition", "city != null"),
                        op("by-city", "key-by", "key", "city"),
                        op("per-city", "collect")),
                "visits", "named", "named", "by-name", "by-name", "per-name", "per-name", "counts", "named", "rows",
                "named", "with-city", "with-city", "by-city", "by-city", "per-city");

        ValidatedJob job = validate(doc);
        assertThat(job.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("can be null"));
        JobResult engine = runOnEngine(doc);
        FlinkRunResult flink = SharedMiniCluster.run(job);

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(sorted(CollectSink.rows(engine.results().of("rows")))).contains("[none, null, ?, 4]", "[bob, null, ?, 3]");
        for (String sink : List.of("counts", "rows", "per-city")) {
            assertThat(sorted(flink.rows(sink).orElseThrow())).as(sink).isEqualTo(sorted(CollectSink.rows(engine.results().of(sink))));
        }
    }

    /**
     * Event-time windows of both kinds with every aggregate, over longs and doubles, with late records (watermarks
     * after every record, one source subtask): the same windows fire with the same values on both engines.
     */
    @Test
    void eventTimeWindows_everyKindAndAggregate_areTheSameOnBothEngines() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add("{\"key\": \"k" + random.nextInt(4) + "\", \"ts\": " + (i * 10L - random.nextInt(400)) + ", \"value\": "
                    + random.nextInt(1000) + ", \"amount\": " + random.nextInt(100_000) / 100.0 * (i % 7 == 0 ? 1e8 : 1) + "}");
        }
        Path file = write("events.jsonl", lines);
        List<Map<String, Object>> schema = List.of(map("name", "key", "type", "string"), map("name", "ts", "type", "long"),
                map("name", "value", "type", "long"), map("name", "amount", "type", "double"));
        Map<String, Object[]> windows = Map.of(
                "count-1s", new Object[] {"size", "1s", "aggregate", "COUNT"},
                "sum-1s", new Object[] {"size", "1s", "aggregate", "SUM", "field", "amount"},
                "max-1s", new Object[] {"size", "1s", "aggregate", "MAX", "field", "amount"},
                "avg-2s", new Object[] {"kind", "SLIDING", "size", "2s", "slide", "500ms", "aggregate", "AVG", "field", "amount"},
                "min-2s", new Object[] {"kind", "SLIDING", "size", "2s", "slide", "500ms", "aggregate", "MIN", "field", "value"},
                "sum-long-2s", new Object[] {"kind", "SLIDING", "size", "2s", "slide", "1s", "aggregate", "SUM", "field", "value"});
        List<OperatorSpec> ops = new ArrayList<>(List.of(
                op("events", "file-source", "path", file.toString(), "schema", schema, "eventTimeField", "ts",
                        "maxOutOfOrderness", "150ms", "watermarkMode", "PER_RECORD").withParallelism(1),
                op("by-key", "key-by", "key", "key")));
        List<String> edges = new ArrayList<>(List.of("events", "by-key"));
        windows.forEach((id, params) -> {
            Object[] all = Arrays.copyOf(params, params.length + 2);
            all[params.length] = "timeField";
            all[params.length + 1] = "ts";
            ops.add(op(id, "window", all));
            ops.add(op(id + "-out", "collect"));
            edges.addAll(List.of("by-key", id, id, id + "-out"));
        });
        JobDocument doc = graph(map("parallelism.default", 2), ops, edges.toArray(String[]::new));

        JobResult engine = runOnEngine(doc);
        FlinkRunResult flink = SharedMiniCluster.run(validate(doc));

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(CollectSink.rows(engine.results().of("count-1s-out")).stream().mapToLong(r -> (Long) r[3]).sum())
                .as("records counted: some are late").isBetween(300L, 499L);
        for (String id : windows.keySet()) {
            assertThat(sorted(flink.rows(id + "-out").orElseThrow())).as(id)
                    .isEqualTo(sorted(CollectSink.rows(engine.results().of(id + "-out"))));
        }
    }

    /**
     * Running sum, min, max and reduce over doubles, whose every output depends on the order of each key's records:
     * with the source at parallelism 1 that order is the file's on both engines, the keyed operators at 2.
     */
    @Test
    void runningReductionsOverDoubles_areTheSameOnBothEngines() throws Exception {
        Path file = write("sales.jsonl", salesLines(400));
        List<OperatorSpec> ops = new ArrayList<>(List.of(
                op("sales", "file-source", "path", file.toString(), "schema", SALES).withParallelism(1),
                op("by-region", "key-by", "key", "region"),
                op("sum", "sum", "field", "amount"),
                op("min", "min", "field", "amount"),
                op("max", "max", "field", "amount"),
                op("decay", "reduce", "field", "amount", "expression", "acc * 0.9 + value / 3")));
        List<String> edges = new ArrayList<>(List.of("sales", "by-region"));
        for (String id : List.of("sum", "min", "max", "decay")) {
            ops.add(op(id + "-out", "collect"));
            edges.addAll(List.of("by-region", id, id, id + "-out"));
        }
        JobDocument doc = graph(map("parallelism.default", 2), ops, edges.toArray(String[]::new));

        JobResult engine = runOnEngine(doc);
        FlinkRunResult flink = SharedMiniCluster.run(validate(doc));

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        for (String id : List.of("sum", "min", "max", "decay")) {
            List<String> onEngine = sorted(CollectSink.rows(engine.results().of(id + "-out")));
            assertThat(onEngine).as(id).hasSize(400);
            assertThat(sorted(flink.rows(id + "-out").orElseThrow())).as(id).isEqualTo(onEngine);
        }
    }

    /**
     * Unions: a JSON and a CSV source into one map (an operator with two inputs), and the two sources into one
     * key-by; counts and window sums of doubles that add up exactly whatever the order the inputs interleave in.
     */
    @Test
    void unions_ofSourcesAndOfKeyBys_areTheSameOnBothEngines() throws Exception {
        List<String> json = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of("key,ts,amount"));
        for (int i = 0; i < 300; i++) {
            json.add("{\"key\": \"k" + i % 5 + "\", \"ts\": " + i * 7 + ", \"amount\": " + (i % 9) * 0.25 + "}");
            csv.add("k" + i % 3 + "," + i * 11 + "," + (i % 5) * 0.5);
        }
        List<Map<String, Object>> schema = List.of(map("name", "key", "type", "string"), map("name", "ts", "type", "long"),
                map("name", "amount", "type", "double"));
        JobDocument doc = graph(map("parallelism.default", 2, "pipeline.auto-watermark-interval", "0"), List.of(
                        op("json", "file-source", "path", write("a.jsonl", json).toString(), "schema", schema, "eventTimeField", "ts"),
                        op("csv", "file-source", "path", write("b.csv", csv).toString(), "format", "CSV", "skipHeader", true,
                                "schema", schema, "eventTimeField", "ts").withParallelism(1),
                        op("both", "map", "fields", map("key", "key + \"!\"", "ts", "ts", "amount", "amount * 2")),
                        op("by-key", "key-by", "key", "key"),
                        op("per-second", "window", "size", "1s", "timeField", "ts", "aggregate", "SUM", "field", "amount"),
                        op("sums", "collect"),
                        op("either-by-key", "key-by", "key", "key"),
                        op("counts", "count"),
                        op("counted", "collect")),
                "json", "both", "csv", "both", "both", "by-key", "by-key", "per-second", "per-second", "sums",
                "json", "either-by-key", "csv", "either-by-key", "either-by-key", "counts", "counts", "counted");

        JobResult engine = runOnEngine(doc);
        FlinkRunResult flink = SharedMiniCluster.run(validate(doc));

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(CollectSink.rows(engine.results().of("counted"))).hasSize(600);
        for (String sink : List.of("sums", "counted")) {
            assertThat(sorted(flink.rows(sink).orElseThrow())).as(sink).isEqualTo(sorted(CollectSink.rows(engine.results().of(sink))));
        }
    }

    /**
     * Operators at parallelisms of their own (1, 3, 2, 3, 2), so records are dealt round-robin between them and
     * hashed to the keyed one; the file sink's committed lines and the running counts agree.
     */
    @Test
    void perOperatorParallelism_isTheSameOnBothEngines() throws Exception {
        List<OperatorSpec> ops = List.of(
                op("numbers", "datagen-sequence", "from", 1L, "to", 6000L).withParallelism(1),
                op("spread", "map", "fields", map("k", "value % 7", "value", "value")).withParallelism(3),
                op("odd-thirds", "filter", "condition", "value % 3 != 0").withParallelism(2),
                op("by-k", "key-by", "key", "k"),
                op("counts", "count").withParallelism(3),
                op("out", "file-sink", "path", dir.resolve("engine").toString(), "format", "JSON").withParallelism(2));
        JobDocument doc = graph(map("parallelism.default", 2), ops,
                "numbers", "spread", "spread", "odd-thirds", "odd-thirds", "by-k", "by-k", "counts", "counts", "out");
        JobDocument onFlink = doc.withOperator(ops.get(5).withParam("path", dir.resolve("flink").toString()));

        JobResult engine = runOnEngine(doc);
        SharedMiniCluster.run(validate(onFlink));

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        List<String> engineLines = BothEnginesTest.sinkLines(dir.resolve("engine"));
        assertThat(engineLines).hasSize(4000);
        assertThat(BothEnginesTest.sinkLines(dir.resolve("flink"))).isEqualTo(engineLines);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /**
     * JSON lines {@code (region, ts, amount)}: four regions, event times over three seconds, amounts of very
     * different sizes, so that adding them in another order almost always gives another double.
     */
    private static List<String> salesLines(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> lines = new ArrayList<>();
        String[] regions = {"north", "south", "east", "west"};
        for (int i = 0; i < n; i++) {
            double amount = random.nextInt(1_000_000) / 100.0 * (i % 10 == 0 ? 1e9 : 1);
            lines.add("{\"region\": \"" + regions[random.nextInt(regions.length)] + "\", \"ts\": " + random.nextInt(3000)
                    + ", \"amount\": " + amount + "}");
        }
        return lines;
    }

    private static String event(String key, long ts, long value) {
        return "{\"key\": \"" + key + "\", \"ts\": " + ts + ", \"value\": " + value + "}";
    }

    private Path write(String name, String... lines) throws IOException {
        return write(name, List.of(lines));
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    /** The operators connected one after the other. */
    private static JobDocument job(Map<String, Object> config, OperatorSpec... operators) {
        return JobHarness.chain(config, operators);
    }

    /** The operators with the edges given as from, to, from, to, ... */
    private static JobDocument graph(Map<String, Object> config, List<OperatorSpec> operators, String... edges) {
        List<EdgeSpec> list = new ArrayList<>();
        for (int i = 0; i < edges.length; i += 2) {
            list.add(new EdgeSpec(edges[i], edges[i + 1]));
        }
        return JobHarness.chain(config).withOperators(operators).withEdges(list);
    }

    private static JobResult runOnEngine(JobDocument doc) throws Exception {
        return JobHarness.run(validate(doc));
    }

    private static List<String> engineRows(JobDocument doc, String sink) throws Exception {
        JobResult result = runOnEngine(doc);
        assertThat(result.status()).as("on the engine: %s", result.failure()).isEqualTo(JobStatus.FINISHED);
        return sorted(CollectSink.rows(result.results().of(sink)));
    }

    private static List<String> flinkRows(JobDocument doc, String sink) throws Exception {
        FlinkRunResult result = SharedMiniCluster.run(validate(doc));
        return sorted(result.rows(sink).orElseThrow());
    }

    /** The failure of a job that must fail on the engine: the messages of its cause chain. */
    private static String engineFailure(JobDocument doc) throws Exception {
        JobResult result = runOnEngine(doc);
        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        return causes(result.failure());
    }

    /** The failure of a job that must fail on Flink: the messages of its cause chain. */
    private static String flinkFailure(JobDocument doc) throws Exception {
        try {
            SharedMiniCluster.run(validate(doc));
        } catch (JobExecutionException e) {
            return causes(e);
        }
        throw new AssertionError("'" + doc.name() + "' did not fail on Flink");
    }

    private static String causes(Throwable t) {
        StringBuilder messages = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ValidatedJob validate(JobDocument doc) throws Exception {
        return JobHarness.validate(doc);
    }

    private static List<String> sorted(List<Object[]> rows) {
        return rows.stream().map(Arrays::toString).sorted().toList();
    }
}
