package io.checkpointstudio.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code *.job.json} in this module's folder reads and validates without errors and runs headless on
 * the embedded engine; bounded samples must finish. Samples are run from the working directory Maven gives
 * the test (the module folder), so relative paths in them resolve there, as they do for a person running
 * the CLI from wherever they are.
 */
class SampleJobsTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern PART_FILE = Pattern.compile("\\.?part-([0-9a-f]{32}-)?\\d+(-\\d+)?\\.(jsonl|csv)(\\.inprogress)?");
    /** Operators that talk to a server the sample names (a Kafka broker, a PostgreSQL server). */
    private static final Set<String> SERVER_OPERATORS = Set.of("kafka-source", "kafka-sink", "postgres-sink");

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(MODULE)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".job.json")).sorted().toList().stream();
        }
    }

    @Test
    void moduleFolder_holdsTheSamples() throws IOException {
        assertThat(samples().map(f -> f.getFileName().toString())).contains("clicks-per-user.job.json", "clicks-kafka-to-postgres.job.json",
                "windowed-counts-event-time.job.json", "backpressure-aligned-vs-unaligned.job.json", "exactly-once-vs-at-least-once.job.json",
                "rocksdb-incremental-growing-state.job.json", "rescale-from-savepoint.job.json", "checkpoint-timeout-and-tolerable-failures.job.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_readsAndValidatesWithoutErrors(Path file) {
        JobDocument doc = read(file);

        JobValidator.Result validation = JobValidator.standard().validate(doc);

        assertThat(validation.errors()).as("errors in %s", file.getFileName()).isEmpty();
        assertThat(doc.name()).isNotBlank();
        assertThat(doc.description()).as("a sample says what it shows").isNotBlank();
        assertThat(doc.layout()).as("a sample places every operator")
                .containsOnlyKeys(doc.operators().stream().map(OperatorSpec::id).toList());
    }

    /** Samples that run with no server; the others are run by engine end-to-end tests (see below). */
    static Stream<Path> samplesWithoutServers() throws IOException {
        return samples().filter(f -> serverOperators(JobValidator.standard().validate(read(f)).job().orElseThrow()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleThatNeedsServers_isRunByAnEngineEndToEndTest(Path file) throws Exception {
        ValidatedJob job = JobValidator.standard().validate(read(file)).orThrow();
        if (serverOperators(job).isEmpty()) {
            return; // runs below, here
        }
        // This module starts no servers; the engine module's end-to-end tests run this very file: GuideJobEndToEndTest
        // against an in-process Kafka broker and the tests' PostgreSQL, GuideJobOnLocalServicesTest on the local services.
        Path e2e = MODULE.resolve("../engine/src/test/java/io/checkpointstudio/engine/connector/GuideJobEndToEndTest.java");
        assertThat(Files.readString(e2e)).as("an end-to-end test runs %s", file.getFileName()).contains(file.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_hasNotesWithWhatToWatch(Path file) throws Exception {
        String name = file.getFileName().toString().replace(".job.json", "");
        Path notes = MODULE.resolve(name + ".sample.json");
        assertThat(notes).as("every sample has its notes next to it").exists();
        JsonNode n = new ObjectMapper().readTree(notes.toFile());
        assertThat(n.path("title").asText()).isNotBlank();
        assertThat(n.path("watch").size()).as("what to watch in %s", notes.getFileName()).isPositive();
        assertThat(n.path("needsServers").asBoolean())
                .isEqualTo(!serverOperators(JobValidator.standard().validate(read(file)).orThrow()).isEmpty());
        java.util.Iterator<String> keys = n.fieldNames();
        while (keys.hasNext()) {
            assertThat(keys.next()).isIn("title", "order", "watch", "needsServers", "lessons");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithoutServers")
    void sample_runsHeadless(Path file) throws Exception {
        if (SampleClaimsTest.CHECKED_THERE.contains(file.getFileName().toString())) {
            return; // run to its end, with an oracle, by SampleClaimsTest
        }
        ValidatedJob job = JobValidator.standard().validate(read(file)).orThrow();
        deleteFileSinkOutputs(job);

        JobResult result = runHeadless(job);

        if (isBounded(job)) {
            assertThat(result.status()).as("%s ended %s: %s", file.getFileName(), result.status(), result.failure())
                    .isEqualTo(JobStatus.FINISHED);
        } else {
            assertThat(result.status()).as("%s ended %s: %s", file.getFileName(), result.status(), result.failure())
                    .isEqualTo(JobStatus.CANCELED);
        }
    }

    @Test
    void clicksPerUser_writesEachUsersClickCountAsTheOracleComputesIt() throws Exception {
        JobDocument doc = read(MODULE.resolve("clicks-per-user.job.json"));
        ValidatedJob job = JobValidator.standard().validate(doc).orThrow();
        Map<String, Object> clicks = doc.operator("clicks").orElseThrow().params();
        long events = ((Number) clicks.get("events")).longValue();
        int users = ((Number) clicks.get("users")).intValue();
        long seed = ((Number) clicks.get("seed")).longValue();
        Path output = Path.of((String) doc.operator("out").orElseThrow().params().get("path"));
        deleteFileSinkOutputs(job);

        JobResult result = runHeadless(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        // Each user is summed by one subtask, which writes its running sums in order to its own part files
        // (committed with the checkpoints, read in part order): the last line of a user is that user's
        // total, and no user appears in the part files of two subtasks.
        ObjectMapper json = new ObjectMapper();
        Map<Long, Long> lastCount = new HashMap<>();
        Map<Long, String> subtaskOfUser = new HashMap<>();
        long lines = 0;
        for (Path part : FileSink.committedParts(output)) {
            String subtask = part.getFileName().toString().replaceFirst("part-(?:[0-9a-f]{32}-)?(\\d+)-.*", "$1");
            for (String line : Files.readAllLines(part)) {
                JsonNode record = json.readTree(line);
                long user = record.get("userId").longValue();
                String earlier = subtaskOfUser.putIfAbsent(user, subtask);
                if (earlier != null && !earlier.equals(subtask)) {
                    throw new AssertionError("user " + user + " is in the part files of subtask " + earlier + " and in " + part);
                }
                lastCount.put(user, record.get("clicks").longValue());
                lines++;
            }
        }
        long[] expected = ClicksOracle.countsPerUser(events, users, seed);
        Map<Long, Long> expectedCounts = new HashMap<>();
        long loggedIn = 0;
        for (int u = 0; u < users; u++) {
            if (expected[u] > 0) {
                expectedCounts.put((long) u, expected[u]);
            }
            loggedIn += expected[u];
        }
        assertThat(lastCount).isEqualTo(expectedCounts);
        assertThat(lines).as("one output line per logged-in click").isEqualTo(loggedIn);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static JobDocument read(Path file) {
        JobDocuments.ReadResult read = JobDocuments.read(file);
        assertThat(read.problems().stream().filter(Problem::isError)).as("reading %s", file.getFileName()).isEmpty();
        return read.document().orElseThrow();
    }

    /**
     * Runs the job in this process. A bounded job runs to its end; an unbounded one runs until its sources
     * have emitted records and is then cancelled. Either way a job that does not end in time fails the test.
     */
    static JobResult runHeadless(ValidatedJob job) throws Exception {
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults())) {
            if (!isBounded(job)) {
                awaitSourceRecords(execution, job);
                execution.cancel();
            }
            try {
                return execution.result().get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                execution.cancel();
                throw new AssertionError(job.document().name() + " did not end within " + RUN_TIMEOUT_SECONDS
                        + " s; status " + execution.status(), e);
            }
        }
    }

    private static void awaitSourceRecords(JobExecution execution, ValidatedJob job) {
        List<String> sources = job.operators().stream().filter(o -> o.descriptor().isSource()).map(ValidatedOperator::id).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
        while (sources.stream().mapToLong(id -> execution.metrics().operator(id).map(OperatorFigures::recordsOut).orElse(0L)).sum() == 0) {
            assertThat(execution.status().isTerminal()).as("%s ended %s before emitting anything", job.document().name(), execution.status()).isFalse();
            assertThat(System.nanoTime()).as("%s emitted nothing within %d s", job.document().name(), RUN_TIMEOUT_SECONDS).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** The operators of the job that need a server (as "id (type)"); a sample with any is validated but not run here. */
    private static List<String> serverOperators(ValidatedJob job) {
        return job.operators().stream().filter(o -> SERVER_OPERATORS.contains(o.descriptor().type()))
                .map(o -> o.id() + " (" + o.descriptor().type() + ")").toList();
    }

    /** Whether every source of the job ends by itself. */
    private static boolean isBounded(ValidatedJob job) {
        return job.operators().stream().filter(o -> o.descriptor().isSource()).allMatch(o -> switch (o.descriptor().type()) {
            case "datagen-clicks" -> o.params().getLong("events") > 0;
            case "datagen-sequence" -> o.params().isSet("to");
            case "file-source" -> true;
            default -> false;
        });
    }

    /**
     * Removes the part files an earlier run left in the file sinks' folders (an earlier run at a higher
     * parallelism leaves more of them), so that only this run's output is read. Nothing else is touched.
     */
    static void deleteFileSinkOutputs(ValidatedJob job) throws IOException {
        for (ValidatedOperator op : job.operators()) {
            if (op.descriptor().type().equals(FileSink.TYPE)) {
                Path folder = Path.of(op.params().getString("path"));
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path f : files.filter(f -> PART_FILE.matcher(f.getFileName().toString()).matches()).toList()) {
                            Files.delete(f);
                        }
                    }
                }
            }
        }
    }
}
