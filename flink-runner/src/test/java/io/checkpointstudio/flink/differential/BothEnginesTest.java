package io.checkpointstudio.flink.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.flink.run.FlinkRunResult;
import io.checkpointstudio.flink.run.SharedMiniCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: the same job document runs on the embedded engine and on Flink (a MiniCluster in
 * this process, shared with the other differential tests) and its sinks must hold exactly the same records. Every sample of sample-jobs/ that needs
 * no server runs on both (its file sinks redirected into a temporary folder per engine, its rate limit
 * lifted: the records do not depend on it); the clicks workload's checksums must match each other and the
 * oracle.
 */
public class BothEnginesTest {
    private static final Path SAMPLES = Path.of("..", "sample-jobs");
    /** Connectors to servers: their samples run on both engines in the connector tests (io.checkpointstudio.flink.connectors). */
    private static final java.util.Set<String> SERVER_CONNECTORS = java.util.Set.of("kafka-source", "kafka-sink", "postgres-sink");

    @TempDir
    Path temp;

    static Stream<Path> samplesWithoutServers() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".job.json")).sorted().toList().stream()
                    .filter(f -> {
                        ValidatedJob job = validate(read(f));
                        return job.operators().stream().map(o -> o.descriptor().type())
                                .noneMatch(SERVER_CONNECTORS::contains);
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithoutServers")
    @org.junit.jupiter.api.Timeout(value = 90, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void sample_writesTheSameRecordsOnBothEngines(Path file) throws Exception {
        JobDocument doc = read(file);
        ValidatedJob onEngine = validate(redirect(doc, temp.resolve("engine")));
        ValidatedJob onFlink = validate(redirect(doc, temp.resolve("flink")));

        JobResult engine = runOnEngine(onEngine);
        SharedMiniCluster.run(onFlink);

        assertThat(engine.status()).isEqualTo(JobStatus.FINISHED);
        List<String> engineLines = sinkLines(temp.resolve("engine"));
        assertThat(engineLines).as("the engine wrote records").isNotEmpty();
        assertThat(sinkLines(temp.resolve("flink"))).as("sink contents of %s on Flink", file.getFileName()).isEqualTo(engineLines);
    }

    @Test
    void clicksWorkload_checksumsMatchOnBothEnginesAndTheOracle() throws Exception {
        long events = 200_000;
        int users = 10_000;
        ValidatedJob job = validate(ClicksJob.document(events, users, 2, Map.of("execution.checkpointing.interval", "500ms")));

        JobResult engine = runOnEngine(job);
        FlinkRunResult flink = SharedMiniCluster.run(job);

        ChecksumSink.Checksum engineChecksum = ChecksumSink.Checksum.combine(engine.results().of(ClicksJob.SINK));
        ChecksumSink.Checksum flinkChecksum = flink.checksum(ClicksJob.SINK).orElseThrow();
        ClicksOracle.Totals oracle = ClicksOracle.totals(events, users, 42);
        assertThat(flinkChecksum).isEqualTo(engineChecksum);
        assertThat(flinkChecksum.records()).isEqualTo(oracle.loggedIn());
        assertThat(flinkChecksum.weightedChecksum()).isEqualTo(oracle.weightedChecksum());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    public static JobDocument read(Path file) {
        return JobDocuments.read(file).document().orElseThrow();
    }

    public static ValidatedJob validate(JobDocument doc) {
        try {
            return JobValidator.standard().validate(doc).orThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The events an unbounded datagen sample generates here: the same prefix of its input on both engines. */
    static final long UNBOUNDED_SAMPLE_EVENTS = 200_000L;

    /** The document with every file sink writing under {@code folder}, checkpoints there too, no rate limits, bounded input. */
    public static JobDocument redirect(JobDocument doc, Path folder) {
        List<OperatorSpec> ops = new ArrayList<>();
        for (OperatorSpec op : doc.operators()) {
            if (op.type().equals("file-sink")) {
                op = op.withParam("path", folder.resolve("sink-" + op.id()).toString());
            }
            if (op.params().containsKey("eventsPerSecond")) {
                op = op.withParam("eventsPerSecond", 0L);
            }
            if (op.type().startsWith("datagen-") && op.params().get("events") instanceof Number n && n.longValue() == 0) {
                op = op.withParam("events", UNBOUNDED_SAMPLE_EVENTS); // an endless sample is compared on a finite prefix
            }
            ops.add(op);
        }
        JobDocument redirected = doc.withOperators(ops);
        for (String key : List.of("execution.checkpointing.dir", "state.checkpoints.dir")) {
            if (doc.config().containsKey(key)) {
                redirected = redirected.withConfigValue(key, folder.resolve("checkpoints").toString());
            }
        }
        return redirected;
    }

    public static JobResult runOnEngine(ValidatedJob job) throws Exception {
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults())) {
            return execution.result().get(120, TimeUnit.SECONDS);
        }
    }

    /** Every record line of every part file under the folder (CSV headers left out), sorted. */
    public static List<String> sinkLines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("part-") && !folder.relativize(f).toString().startsWith("checkpoints")) {
                    List<String> content = Files.readAllLines(f);
                    lines.addAll(content);
                }
            }
        }
        lines.sort(null);
        return lines;
    }
}
