package io.checkpointstudio.engine.operator.sink;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.row;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink's part files, read back as text and compared with lines written out by hand or with the oracle. */
class FileSinkTest {
    private static final long EVENTS = 200_000;
    private static final int USERS = 1000;
    private static final Pattern LINE = Pattern.compile("\\{\"userId\":(\\d+),\"clicks\":(\\d+)}");

    @TempDir
    Path dir;

    @AfterEach
    void disarm() {
        FileSink.failBeforeNextCommitIn = null;
    }

    @Test
    void exactlyOnce_withoutCheckpointing_commitsOnePartPerSubtaskAtTheEnd_replacingAnEarlierRun() throws Exception {
        // The sequence 1..10 at parallelism 2 is cut into two ranges: subtask 0 emits 1..5, subtask 1
        // emits 6..10; each source runs chained with its sink subtask, so subtask i's parts hold its range.
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-0-0.jsonl"), "{\"value\":-1}\n{\"value\":-2}\n");
        Files.writeString(out.resolve("part-0-7.jsonl"), "{\"value\":-3}\n");
        Files.writeString(out.resolve(".part-1-3.jsonl.inprogress"), "{\"value\":-4}\n");

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-0-0.jsonl", "part-1-0.jsonl");
        assertThat(Files.readAllLines(out.resolve("part-0-0.jsonl"))).containsExactly(
                "{\"value\":1}", "{\"value\":2}", "{\"value\":3}", "{\"value\":4}", "{\"value\":5}");
        assertThat(Files.readAllLines(out.resolve("part-1-0.jsonl"))).containsExactly(
                "{\"value\":6}", "{\"value\":7}", "{\"value\":8}", "{\"value\":9}", "{\"value\":10}");
        assertThat(result.results().of("sink")).containsExactlyInAnyOrder(List.of(out.resolve("part-0-0.jsonl")), List.of(out.resolve("part-1-0.jsonl")));
    }

    @Test
    void atLeastOnce_writesStraightIntoOneFilePerSubtask() throws Exception {
        Path out = dir.resolve("out");

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON", "semantic", "AT_LEAST_ONCE")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-0.jsonl", "part-1.jsonl");
        assertThat(Files.readAllLines(out.resolve("part-1.jsonl"))).containsExactly(
                "{\"value\":6}", "{\"value\":7}", "{\"value\":8}", "{\"value\":9}", "{\"value\":10}");
        assertThat(result.results().of("sink")).containsExactlyInAnyOrder(out.resolve("part-0.jsonl"), out.resolve("part-1.jsonl"));
    }

    @Test
    void atLeastOnce_isWarnedAboutInAnExactlyOnceJob_exactlyOnceIsNot() {
        JobDocument atLeastOnce = chain(map("execution.checkpointing.interval", "1s"),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", dir.toString(), "semantic", "AT_LEAST_ONCE"));
        JobDocument exactlyOnce = chain(map("execution.checkpointing.interval", "1s"),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", dir.toString()));

        assertThat(JobValidator.standard().validate(atLeastOnce).problems()).anySatisfy(p -> assertThat(p.message()).contains("AT_LEAST_ONCE"));
        assertThat(JobValidator.standard().validate(exactlyOnce).problems()).isEmpty();
    }

    @Test
    void exactlyOnce_boundedJob_theFinalCheckpointCommitsEverything() throws Exception {
        Path out = dir.resolve("out");
        // one checkpoint an hour: only the final checkpoint, taken after the input ended, can commit
        JobResult result = JobHarness.run(clicksToFiles(out, Map.of("execution.checkpointing.interval", "1h"), 0));

        assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-0-0.jsonl", "part-1-0.jsonl");
        assertEveryCountExactlyOnce(out);
    }

    @Test
    void exactlyOnce_failureBetweenCheckpoints_committedFilesHoldEveryCountOnce() throws Exception {
        Path out = dir.resolve("out");
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(ClicksJob.SUM, 1, 30_000);
        try (JobExecution execution = JobExecution.start(JobHarness.validate(clicksToFiles(out, Map.of(), 100_000)), RunOptions.defaults(), faults, null)) {
            JobResult result = JobHarness.awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(faults.hasFired()).isTrue();
            assertThat(execution.restores()).as("restores").hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a completed checkpoint").isPositive();
        }
        assertEveryCountExactlyOnce(out);
    }

    @Test
    void exactlyOnce_failureAfterACheckpointCompletedBeforeTheCommit_theRestoreCommitsItsPendingFiles() throws Exception {
        Path out = dir.resolve("out");
        AtomicLong armedAt = new AtomicLong();
        try (JobExecution execution = JobExecution.start(JobHarness.validate(clicksToFiles(out, Map.of(), 100_000)), RunOptions.defaults(),
                new FaultInjector(), null)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && armedAt.compareAndSet(0, c.checkpointId())) {
                    FileSink.failBeforeNextCommitIn = out;
                }
            });
            JobResult result = JobHarness.awaitEnd(execution);

            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(FileSink.failBeforeNextCommitIn).as("the injected failure fired").isNull();
            assertThat(execution.restores()).as("restores").hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from a completed checkpoint").isGreaterThanOrEqualTo(2);
        }
        assertEveryCountExactlyOnce(out);
    }

    @Test
    void json_escapesStringsAndWritesEveryType() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of(
                "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"say \\\"hi\\\"\"}",
                "{\"id\": 2, \"score\": -0.5, \"ok\": false}"));
        Path out = dir.resolve("out");

        JobHarness.run(chain(map(),
                op("in", "file-source", "path", in.toString(), "schema", schema()),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(Files.readAllLines(out.resolve("part-0-0.jsonl"))).containsExactly(
                "{\"id\":1,\"score\":1.5,\"ok\":true,\"name\":\"say \\\"hi\\\"\"}",
                "{\"id\":2,\"score\":-0.5,\"ok\":false,\"name\":null}");
    }

    @Test
    void csv_startsEveryPartFileWithAHeader_quotesWhereNeeded_andReadsBack() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of(
                "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"plain\"}",
                "{\"id\": 2, \"score\": 2.0, \"ok\": false, \"name\": \"a,b\"}",
                "{\"id\": 3, \"score\": -0.5, \"ok\": true, \"name\": \"say \\\"hi\\\"\"}"));
        Path out = dir.resolve("out");

        // One source subtask, two sink subtasks: how the rows spread over the part files is up to the
        // rebalancing, but each part file has its header and together they hold every row once.
        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("in", "file-source", "path", in.toString(), "schema", schema()).withParallelism(1),
                op("sink", "file-sink", "path", out.toString(), "format", "CSV")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        List<String> data = new ArrayList<>();
        List<Path> parts = FileSink.committedParts(out);
        assertThat(parts).isNotEmpty();
        for (Path part : parts) {
            List<String> lines = Files.readAllLines(part);
            assertThat(lines).first().isEqualTo("id,score,ok,name");
            data.addAll(lines.subList(1, lines.size()));
        }
        assertThat(data).containsExactlyInAnyOrder(
                "1,1.5,true,plain",
                "2,2.0,false,\"a,b\"",
                "3,-0.5,true,\"say \"\"hi\"\"\"");

        JobResult readBack = JobHarness.run(chain(map(),
                op("in", "file-source", "path", out.toString(), "format", "CSV", "skipHeader", true, "schema", schema()),
                op("rows", "collect")));
        assertThat(rows(readBack, "rows")).containsExactlyInAnyOrder(
                row(1L, 1.5, true, "plain"), row(2L, 2.0, false, "a,b"), row(3L, -0.5, true, "say \"hi\""));
    }

    // ------------------------------------------------------------------ helpers

    /** The clicks workload (filter, map, key-by, sum) into a file sink, checkpointing every 50 ms unless {@code config} says otherwise. */
    private JobDocument clicksToFiles(Path out, Map<String, Object> config, long eventsPerSecond) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("execution.checkpointing.interval", "50ms");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", 3);
        c.put("restart-strategy.fixed-delay.delay", "0ms");
        c.putAll(config);
        JobDocument clicks = ClicksJob.document(EVENTS, USERS, 2, c);
        List<OperatorSpec> operators = new ArrayList<>(clicks.operators().stream().filter(o -> !o.id().equals(ClicksJob.SINK))
                .map(o -> o.id().equals(ClicksJob.SOURCE) && eventsPerSecond > 0 ? o.withParam("eventsPerSecond", eventsPerSecond) : o).toList());
        operators.add(OperatorSpec.of("out", "file-sink", Map.of("path", out.toString(), "format", "JSON")));
        List<EdgeSpec> edges = clicks.edges().stream().map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), "out") : e).toList();
        return clicks.withOperators(operators).withEdges(edges);
    }

    /**
     * Only committed part files are left, and read in part order each user's lines are its running counts
     * 1, 2, ..., its oracle count: every count exactly once.
     */
    private static void assertEveryCountExactlyOnce(Path out) throws IOException {
        assertThat(fileNames(out)).as("committed part files only").allMatch(n -> n.matches("part-[01]-\\d+\\.jsonl"));
        long[] expected = ClicksOracle.countsPerUser(EVENTS, USERS, 42);
        long[] last = new long[USERS];
        for (Path part : FileSink.committedParts(out)) {
            for (String line : Files.readAllLines(part)) {
                Matcher m = LINE.matcher(line);
                assertThat(m.matches()).as("%s: %s", part.getFileName(), line).isTrue();
                int user = Integer.parseInt(m.group(1));
                long count = Long.parseLong(m.group(2));
                assertThat(count).as("count of user %d after %d in %s", user, last[user], part.getFileName()).isEqualTo(last[user] + 1);
                last[user] = count;
            }
        }
        assertThat(last).containsExactly(expected);
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static List<Map<String, Object>> schema() {
        return List.of(map("name", "id", "type", "long"), map("name", "score", "type", "double"),
                map("name", "ok", "type", "boolean"), map("name", "name", "type", "string"));
    }
}
