package io.checkpointstudio.engine.operator.sink;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.row;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.JobScope;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.source.DatagenSequenceSource;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.KeyGroupReader;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink's part files, read back as text and compared with lines written out by hand or with the oracle. */
class FileSinkTest {
    private static final String RUN_1 = "11111111111111111111111111111111";
    private static final String RUN_2 = "22222222222222222222222222222222";
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
    void exactlyOnce_withoutCheckpointing_commitsOnePartPerSubtaskAtTheEnd_leavingOtherRunsFilesAlone() throws Exception {
        // The sequence 1..10 at parallelism 2 is cut into two ranges: subtask 0 emits 1..5, subtask 1
        // emits 6..10; each source runs chained with its sink subtask, so subtask i's parts hold its range.
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String otherRun = "00112233445566778899aabbccddeeff";
        Files.writeString(out.resolve("part-0-0.jsonl"), "{\"value\":-1}\n{\"value\":-2}\n"); // an earlier version's
        Files.writeString(out.resolve("part-" + otherRun + "-0-7.jsonl"), "{\"value\":-3}\n");
        Files.writeString(out.resolve(".part-" + otherRun + "-1-3.jsonl.inprogress"), "{\"value\":-4}\n");

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        String run = result.jobId();
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-" + run + "-0-0.jsonl", "part-" + run + "-1-0.jsonl",
                "part-0-0.jsonl", "part-" + otherRun + "-0-7.jsonl", ".part-" + otherRun + "-1-3.jsonl.inprogress");
        assertThat(Files.readAllLines(out.resolve("part-" + run + "-0-0.jsonl"))).containsExactly(
                "{\"value\":1}", "{\"value\":2}", "{\"value\":3}", "{\"value\":4}", "{\"value\":5}");
        assertThat(Files.readAllLines(out.resolve("part-" + run + "-1-0.jsonl"))).containsExactly(
                "{\"value\":6}", "{\"value\":7}", "{\"value\":8}", "{\"value\":9}", "{\"value\":10}");
        assertThat(result.results().of("sink")).containsExactlyInAnyOrder(List.of(out.resolve("part-" + run + "-0-0.jsonl")),
                List.of(out.resolve("part-" + run + "-1-0.jsonl")));
        assertThat(FileSink.committedParts(out)).extracting(p -> p.getFileName().toString()).containsExactly(
                "part-0-0.jsonl", "part-" + run + "-0-0.jsonl", "part-" + otherRun + "-0-7.jsonl", "part-" + run + "-1-0.jsonl");
    }

    @Test
    void atLeastOnce_writesStraightIntoOneFilePerSubtask() throws Exception {
        Path out = dir.resolve("out");

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON", "semantic", "AT_LEAST_ONCE")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        String run = result.jobId();
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-" + run + "-0.jsonl", "part-" + run + "-1.jsonl");
        assertThat(Files.readAllLines(out.resolve("part-" + run + "-1.jsonl"))).containsExactly(
                "{\"value\":6}", "{\"value\":7}", "{\"value\":8}", "{\"value\":9}", "{\"value\":10}");
        assertThat(result.results().of("sink")).containsExactlyInAnyOrder(out.resolve("part-" + run + "-0.jsonl"),
                out.resolve("part-" + run + "-1.jsonl"));
        assertThat(FileSink.atLeastOnceParts(out)).containsExactly(out.resolve("part-" + run + "-0.jsonl"), out.resolve("part-" + run + "-1.jsonl"));
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
        assertThat(fileNames(out)).containsExactlyInAnyOrder("part-" + result.jobId() + "-0-0.jsonl", "part-" + result.jobId() + "-1-0.jsonl");
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

    /**
     * Two jobs of the same name writing into one folder. A is killed right after its first commit; B starts in
     * the folder and is killed before it commits; A resumes from its checkpoint folder. B's start must leave
     * A's part files (committed and pending) alone, and A's restore must find them: A's output exact.
     */
    @Test
    void exactlyOnce_killedAfterItsFirstCommit_anotherJobStartsInTheFolderAndIsKilled_theResumeIsExact() throws Exception {
        Path out = dir.resolve("out");
        // the first checkpoint 1.5 s after the start, the next no sooner than 1.5 s after it: none between the first commit and the kill
        JobDocument a = clicksToFiles(out, Map.of("execution.checkpointing.min-pause", "1500ms",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"), 60_000);
        Path jobDirA;
        try (JobExecution first = JobExecution.start(JobHarness.validate(a), RunOptions.defaults(), new FaultInjector(), null)) {
            await("A's first commit", () -> Files.isDirectory(out) && !FileSink.committedParts(out).isEmpty());
            first.crash();
            assertThat(JobHarness.awaitEnd(first).status()).isEqualTo(JobStatus.FAILED);
            jobDirA = dir.resolve("checkpoints").resolve(first.jobId());
        }

        JobDocument b = withSeed(clicksToFiles(out, Map.of("execution.checkpointing.interval", "1h"), 60_000), 43);
        try (JobExecution second = JobExecution.start(JobHarness.validate(b), RunOptions.defaults(), new FaultInjector(), null)) {
            await("B's sink subtasks open", () -> second.metrics().operator("out")
                    .map(o -> o.subtasks().size() == 2 && o.subtasks().stream().allMatch(x -> x.recordsIn() > 0)).orElse(false));
            second.crash();
            JobHarness.awaitEnd(second);
        }

        JobResult resumed = resume(a, jobDirA);

        assertThat(resumed.status()).as("%s", resumed.failure()).isEqualTo(JobStatus.FINISHED);
        assertCountsExactlyOnce(FileSink.committedParts(out), ClicksOracle.countsPerUser(EVENTS, USERS, 42));
    }

    /**
     * Two jobs of the same name writing into one folder. A is killed while the commit of its first completed
     * checkpoint is in flight; B (other click data) then runs to its end in the folder; A resumes. Neither may
     * delete, commit or overwrite the other's files: the folder holds both outputs, each exactly once.
     */
    @Test
    void exactlyOnce_killedWhileItsFirstCommitWasInFlight_anotherJobCommitsInTheFolder_bothOutputsExact() throws Exception {
        Path out = dir.resolve("out");
        JobDocument a = clicksToFiles(out, Map.of("restart-strategy.type", "none",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"), 100_000);
        FileSink.failBeforeNextCommitIn = out;
        Path jobDirA;
        String runA;
        try (JobExecution first = JobExecution.start(JobHarness.validate(a), RunOptions.defaults(), new FaultInjector(), null)) {
            assertThat(JobHarness.awaitEnd(first).status()).isEqualTo(JobStatus.FAILED);
            assertThat(FileSink.failBeforeNextCommitIn).as("A's first commit failed").isNull();
            jobDirA = dir.resolve("checkpoints").resolve(first.jobId());
            runA = first.jobId();
        }

        JobResult b = JobHarness.run(withSeed(clicksToFiles(out, Map.of(), 100_000), 43));
        assertThat(b.status()).as("%s", b.failure()).isEqualTo(JobStatus.FINISHED);

        JobResult resumed = resume(a, jobDirA);

        assertThat(resumed.status()).as("%s", resumed.failure()).isEqualTo(JobStatus.FINISHED);
        long[] expectedA = ClicksOracle.countsPerUser(EVENTS, USERS, 42);
        long[] expectedB = ClicksOracle.countsPerUser(EVENTS, USERS, 43);
        Map<String, Integer> times = new HashMap<>();
        for (Path part : FileSink.committedParts(out)) {
            for (String line : Files.readAllLines(part)) {
                times.merge(line, 1, Integer::sum);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (long c = 1; c <= Math.max(expectedA[u], expectedB[u]); c++) {
                String line = "{\"userId\":" + u + ",\"clicks\":" + c + "}";
                int expected = (c <= expectedA[u] ? 1 : 0) + (c <= expectedB[u] ? 1 : 0);
                int found = times.getOrDefault(line, 0);
                if (found != expected) {
                    wrong.add(line + " " + found + " times, not " + expected);
                }
            }
        }
        long lines = times.values().stream().mapToLong(Integer::longValue).sum();
        assertThat(wrong.size()).as("lines of the folder's committed parts (%d in all) that are not A's and B's running counts once"
                + " each; the first: %s", lines, wrong.subList(0, Math.min(5, wrong.size()))).isZero();
        assertThat(lines).isEqualTo(Arrays.stream(expectedA).sum() + Arrays.stream(expectedB).sum());
        List<Path> ofA = new ArrayList<>();
        List<Path> ofB = new ArrayList<>();
        for (Path part : FileSink.committedParts(out)) {
            String run = FileSink.runOf(part).orElseThrow();
            (run.equals(b.jobId()) ? ofB : ofA).add(part);
            assertThat(run).as("run of %s", part.getFileName()).isIn(runA, resumed.jobId(), b.jobId());
        }
        assertCountsExactlyOnce(ofA, expectedA);
        assertCountsExactlyOnce(ofB, expectedB);
    }

    /**
     * A checkpoint restored into a job whose sink writes another folder (a fork): the part file pending in the
     * checkpoint is committed in the folder it was written to, the original run's later file there is left
     * alone, and the new folder only gets what the restored job writes itself.
     */
    @Test
    void exactlyOnce_restoredIntoAnotherFolder_commitsThePendingPartWhereItWasWritten_andLeavesTheRestAlone() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        FileSink original = sink(first);
        original.open(context(RUN_1));
        original.processBatch(numbers(0, 3), null);
        OperatorSnapshot snapshot = original.snapshotState(1);
        original.processBatch(numbers(3, 2), null); // after the checkpoint, in part 1
        original.close(); // the process dies: no notification of checkpoint 1

        FileSink fork = sink(second);
        fork.restoreState(restore(snapshot.listState(), 1));
        fork.open(context(RUN_2));
        fork.processBatch(numbers(3, 2), null);
        fork.snapshotState(2);
        fork.notifyCheckpointComplete(2);
        fork.close();

        assertThat(fileNames(first)).containsExactlyInAnyOrder("part-" + RUN_1 + "-0-0.jsonl", ".part-" + RUN_1 + "-0-1.jsonl.inprogress");
        assertThat(Files.readAllLines(first.resolve("part-" + RUN_1 + "-0-0.jsonl"))).containsExactly(
                "{\"value\":0}", "{\"value\":1}", "{\"value\":2}");
        assertThat(fileNames(second)).containsExactly("part-" + RUN_2 + "-0-1.jsonl");
        assertThat(Files.readAllLines(second.resolve("part-" + RUN_2 + "-0-1.jsonl"))).containsExactly("{\"value\":3}", "{\"value\":4}");
    }

    /**
     * A checkpoint written before part files carried their run (entry: the longs {subtask, next part,
     * (checkpoint, part)...}, files {@code part-<subtask>-<n>}): the restore commits the pending part under its
     * old name, deletes the old parts written after the checkpoint, and continues under its own run.
     */
    @Test
    void exactlyOnce_restoreFromACheckpointOfTheEarlierFormat_finishesItsPartFiles() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-0-0.jsonl"), "{\"value\":0}\n");
        Files.writeString(out.resolve(".part-0-1.jsonl.inprogress"), "{\"value\":1}\n"); // pending in checkpoint 4
        Files.writeString(out.resolve(".part-0-2.jsonl.inprogress"), "{\"value\":2}\n"); // after the checkpoint
        Files.writeString(out.resolve("part-1-0.jsonl"), "{\"value\":100}\n"); // subtask 1's: not this entry's

        FileSink restored = sink(out);
        restored.restoreState(restore(List.of(Bytes.ofLongs(0, 2, 4, 1)), 4));
        restored.open(context(RUN_2));
        restored.processBatch(numbers(2, 1), null);
        restored.snapshotState(5);
        restored.notifyCheckpointComplete(5);
        restored.close();

        assertThat(FileSink.committedParts(out)).extracting(p -> p.getFileName().toString())
                .containsExactly("part-0-0.jsonl", "part-0-1.jsonl", "part-" + RUN_2 + "-0-2.jsonl", "part-1-0.jsonl");
        assertThat(fileNames(out)).doesNotContain(".part-0-2.jsonl.inprogress");
        assertThat(Files.readAllLines(out.resolve("part-" + RUN_2 + "-0-2.jsonl"))).containsExactly("{\"value\":2}");
    }

    @Test
    void json_escapesStringsAndWritesEveryType() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of(
                "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"say \\\"hi\\\"\"}",
                "{\"id\": 2, \"score\": -0.5, \"ok\": false}"));
        Path out = dir.resolve("out");

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", in.toString(), "schema", schema()),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(Files.readAllLines(out.resolve("part-" + result.jobId() + "-0-0.jsonl"))).containsExactly(
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
        assertThat(fileNames(out)).as("committed part files only").allMatch(n -> n.matches("part-[0-9a-f]{32}-[01]-\\d+\\.jsonl"));
        assertCountsExactlyOnce(FileSink.committedParts(out), ClicksOracle.countsPerUser(EVENTS, USERS, 42));
    }

    /** Read in the order given, each user's lines in {@code parts} are its running counts 1, 2, ..., {@code expected}. */
    private static void assertCountsExactlyOnce(List<Path> parts, long[] expected) throws IOException {
        long[] last = new long[USERS];
        for (Path part : parts) {
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

    private static FileSink sink(Path folder) throws Exception {
        var d = FileSink.DESCRIPTOR;
        var schema = DatagenSequenceSource.SCHEMA;
        return (FileSink) d.factory().create(new OperatorSetup("out", d, new Params(d, Map.of("path", folder.toString())), schema, schema,
                null, null));
    }

    private static OperatorContext context(String run) {
        return new OperatorContext("out", "test-job", run, 0, 1, 128, 0, 127, 1024, name -> null, new JobScope() {
            @Override
            public <T> T getOrCreate(String key, Supplier<T> factory) {
                return factory.get();
            }
        }, 0, true, Duration.ofMillis(200));
    }

    private static RecordBatch numbers(long from, int count) {
        RecordBatch batch = RecordBatch.allocate(DatagenSequenceSource.SCHEMA, count);
        for (int i = 0; i < count; i++) {
            batch.longs(0)[i] = from + i;
        }
        batch.setSize(count);
        return batch;
    }

    private static StateRestore restore(List<byte[]> entries, long checkpointId) {
        return new StateRestore() {
            @Override
            public List<byte[]> listState() {
                return entries;
            }

            @Override
            public void readKeyGroups(KeyGroupReader reader) {
            }

            @Override
            public long checkpointId() {
                return checkpointId;
            }
        };
    }

    private static JobDocument withSeed(JobDocument job, long seed) {
        return job.withOperator(job.operator(ClicksJob.SOURCE).orElseThrow().withParam("seed", seed));
    }

    /** {@code run --from <job folder>}: the newest valid checkpoint of the folder. */
    private static JobResult resume(JobDocument job, Path jobDir) throws Exception {
        Path latest = SnapshotPaths.resolve(jobDir, x -> { });
        try (JobExecution resumed = JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), new FaultInjector(), latest)) {
            return JobHarness.awaitEnd(resumed);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
            Thread.sleep(5);
        }
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
