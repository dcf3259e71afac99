package io.checkpointstudio.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code ./checkpoint-studio validate JOB.json} on the broken documents in {@code invalid-jobs/}: each
 * {@code NN-name.job.json} sits beside {@code NN-name.expected}, the exact lines the command must print on
 * stderr (errors first, then warnings). A new mistake to cover is two new files, no code.
 */
class ValidateCommandTest {
    private static final String JOB_SUFFIX = ".job.json";
    private static final String EXPECTED_SUFFIX = ".expected";

    /** What one run of the command gave. */
    record Run(int exitCode, List<String> out, List<String> err) {
    }

    static Run validate(Path job) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute("validate", job.toString());
        return new Run(exitCode, lines(out.toString()), lines(err.toString()));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    static Path resourceFolder(String name) {
        try {
            return Path.of(ValidateCommandTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file names of the broken documents, in order. */
    static Stream<String> invalidJobs() {
        try (Stream<Path> files = Files.list(resourceFolder("invalid-jobs"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(JOB_SUFFIX)).sorted()
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path expectedFileOf(Path job) {
        String name = job.getFileName().toString();
        return job.resolveSibling(name.substring(0, name.length() - JOB_SUFFIX.length()) + EXPECTED_SUFFIX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void brokenDocument_isRejectedWithTheExpectedMessages(String fileName) throws IOException {
        Path job = resourceFolder("invalid-jobs").resolve(fileName);
        Path expectedFile = expectedFileOf(job);
        assertThat(expectedFile).as("the expected messages of %s", job.getFileName()).exists();
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);

        Run run = validate(job);

        assertThat(run.err()).as("stderr of validate %s", job.getFileName()).containsExactlyElementsOf(expected);
        assertThat(run.exitCode()).as("exit code of validate %s", job.getFileName()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void atLeastFifteenBrokenDocuments_areKept() {
        assertThat(invalidJobs()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyExpectedFile_belongsToADocument_andNamesAtLeastOneError() throws IOException {
        try (Stream<Path> files = Files.list(resourceFolder("invalid-jobs"))) {
            for (Path expected : files.filter(f -> f.getFileName().toString().endsWith(EXPECTED_SUFFIX)).toList()) {
                String name = expected.getFileName().toString();
                Path job = expected.resolveSibling(name.substring(0, name.length() - EXPECTED_SUFFIX.length()) + JOB_SUFFIX);
                assertThat(job).as("the document of %s", name).exists();
                assertThat(Files.readAllLines(expected, StandardCharsets.UTF_8))
                        .as("%s starts with an error: a broken document", name)
                        .first().asString().doesNotContain(": warning: ");
            }
        }
    }

    @Test
    void validDocument_exitsWithZero_andSaysValid() {
        Path job = resourceFolder("valid-jobs").resolve("clicks-per-user.job.json");

        Run run = validate(job);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsExactly(job + ": valid (6 operators)");
    }

    @Test
    void warnings_areShownButDoNotFailValidation() {
        Path job = resourceFolder("valid-jobs").resolve("clicks-with-warnings.job.json");

        Run run = validate(job);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).containsExactly(
                "config.state.checkpoints.dir: warning: 'state.checkpoints.dir' is an older name;"
                        + " Flink 2.x prefers 'execution.checkpointing.dir'",
                "config.state.backend.incremental: warning: 'state.backend.incremental' is an older name;"
                        + " Flink 2.x prefers 'execution.checkpointing.incremental'",
                "config.state.backend.incremental: warning: has no effect with the hashmap state backend,"
                        + " which always writes full checkpoints; set 'state.backend.type' to rocksdb");
        assertThat(run.out()).containsExactly(job + ": valid (6 operators, 3 warnings)");
    }

    @Test
    void missingFile_isInvalid_andNamesTheFile(@TempDir Path dir) {
        Path job = dir.resolve("no-such.job.json");

        Run run = validate(job);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsExactly(job + ": file not found");
    }
}
