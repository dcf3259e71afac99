package io.checkpointstudio.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.rest.RestServer;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code savepoint --dir}: a folder the REST API refuses is reported with the server's reason. */
class SavepointCommandTest {
    @TempDir
    Path dir;

    @Test
    void targetOutsideTheAllowedFolders_isRefusedWithTheReason() throws Exception {
        var doc = ClicksJob.document(0, 1000, 1, Map.of(
                        "execution.checkpointing.dir", dir.resolve("checkpoints").toString(),
                        "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString()))
                .withOperator(OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks",
                        Map.of("events", 0L, "users", 1000L, "eventsPerSecond", 20_000L)));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (RestServer rest = RestServer.start(0);
             JobExecution job = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults())) {
            rest.register(job);
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));

            int exit = cli.execute("savepoint", job.jobId(), "--rest-port", Integer.toString(rest.port()),
                    "--dir", elsewhere.toString());

            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).startsWith("savepoint: refused (HTTP 403): savepoints requested over the REST API"
                    + " may be written only under ").contains("checkpoint-studio.rest.savepoint-roots");
            try (var written = Files.list(elsewhere)) {
                assertThat(written).isEmpty();
            }
            job.cancel();
        }
    }
}
