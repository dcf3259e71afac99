package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.cli.Main;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process running a job is killed with SIGKILL (no shutdown hook, no cleanup) after it has completed
 * a few checkpoints; {@code run --from <job's checkpoint folder>} then resumes the job from the newest
 * checkpoint whose metadata verifies. The file sink commits the part files pending in that checkpoint
 * and deletes the ones written after it, so the committed part files end up holding every running count exactly once: for each user the lines
 * 1, 2, ..., its oracle count, in order, and nothing else.
 */
class KillNineRecoveryTest {
    private static final long EVENTS = 300_000;
    private static final int USERS = 10_000;
    /** The job runs about 2 s, so the kill comes in its middle. */
    private static final long EVENTS_PER_SECOND = 150_000;
    private static final Pattern LINE = Pattern.compile("\\{\"userId\":(\\d+),\"clicks\":(\\d+)}");

    @TempDir
    Path dir;

    @Test
    void killedProcess_resumedFromItsRetainedCheckpoints_writesEveryCountExactlyOnce() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path output = dir.resolve("output");
        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(job(checkpoints, output), jobFile);

        Process process = startChildJvm(jobFile, dir.resolve("child.log"));
        Path jobDir;
        try {
            jobDir = awaitCompletedCheckpoints(process, checkpoints, 2);
            assertThat(process.isAlive()).as("the job is still running when it is killed").isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL on Unix
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(Files.list(output).toList()).as("part files written before the kill").isNotEmpty();

        int exit = Main.execute("run", jobFile.toString(), "--from", jobDir.toString(), "-q");

        assertThat(exit).as("exit code of run --from").isZero();
        assertEveryCountExactlyOnce(output, Recovery.expectedCounts(EVENTS, USERS, 42));
    }

    private static JobDocument job(Path checkpoints, Path output) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", "100ms");
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        config.put("execution.checkpointing.num-retained", 3);
        config.put("execution.checkpointing.dir", checkpoints.toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        JobDocument clicks = ClicksJob.document(EVENTS, USERS, 2, config);
        List<OperatorSpec> operators = new ArrayList<>(clicks.operators().stream().filter(o -> !o.id().equals(ClicksJob.SINK))
                .map(o -> o.id().equals(ClicksJob.SOURCE) ? o.withParam("eventsPerSecond", EVENTS_PER_SECOND) : o).toList());
        operators.add(OperatorSpec.of("out", "file-sink", Map.of("path", output.toString(), "format", "JSON")));
        List<EdgeSpec> edges = clicks.edges().stream().map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), "out") : e).toList();
        return clicks.withOperators(operators).withEdges(edges);
    }

    /**
     * {@code java -cp <this test's class path> io.checkpointstudio.engine.cli.Main run JOB -q}: the class
     * path Maven runs the tests with holds the engine's classes and its dependencies, whether or not the
     * jar has been built.
     */
    private static Process startChildJvm(Path jobFile, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.checkpointstudio.engine.cli.Main", "run", jobFile.toString(), "-q");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the job's folder holds at least {@code n} checkpoints with {@code _metadata}; returns that folder. */
    private static Path awaitCompletedCheckpoints(Process process, Path checkpoints, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the child JVM ended before %d checkpoints completed (exit %s)", n,
                    process.isAlive() ? "-" : String.valueOf(process.exitValue())).isTrue();
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> jobs = Files.list(checkpoints)) {
                    for (Path jobDir : jobs.toList()) {
                        long completed = CheckpointStorage.checkpointDirs(jobDir).stream().filter(CheckpointStorage::isSnapshot).count();
                        if (completed >= n) {
                            return jobDir;
                        }
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + n + " completed checkpoints under " + checkpoints + " within 15 s");
    }

    /** Each user's lines, over all part files, are its running counts 1..expected, once each and in order. */
    private static void assertEveryCountExactlyOnce(Path output, long[] expected) throws IOException {
        long[] last = new long[expected.length];
        long lines = 0;
        List<Path> parts = io.checkpointstudio.engine.operator.sink.FileSink.committedParts(output);
        try (Stream<Path> list = Files.list(output)) {
            assertThat(list.map(p -> p.getFileName().toString())).as("every part file committed, nothing in progress")
                    .allMatch(name -> name.matches("part-[0-9a-f]{32}-[01]-\\d+\\.jsonl"));
        }
        assertThat(parts).as("subtasks with committed parts")
                .extracting(p -> p.getFileName().toString().replaceFirst("part-[0-9a-f]{32}-(\\d+)-.*", "$1")).contains("0", "1");
        for (Path part : parts) {
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                assertThat(m.matches()).as("line %d of %s: %s", lines, part.getFileName(), line).isTrue();
                int user = Integer.parseInt(m.group(1));
                long count = Long.parseLong(m.group(2));
                assertThat(count).as("count of user %d after %d in %s", user, last[user], part.getFileName()).isEqualTo(last[user] + 1);
                last[user] = count;
                lines++;
            }
        }
        assertThat(last).containsExactly(expected);
        assertThat(lines).isEqualTo(Recovery.total(expected));
    }
}
