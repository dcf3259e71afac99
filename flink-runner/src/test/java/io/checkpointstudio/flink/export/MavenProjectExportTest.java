package io.checkpointstudio.flink.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported project of a sample is complete (pom.xml with the runner's Flink version, config.yaml under
 * Flink 2.x's keys) and its Main.java compiles against Flink alone: it is compiled here with javax.tools on
 * this module's test class path with Checkpoint Studio's own classes left out.
 */
class MavenProjectExportTest {
    @TempDir
    Path out;

    @Test
    void clicksPerUser_exportsAProjectWhoseMainCompilesAgainstFlinkAlone() throws Exception {
        ValidatedJob job = JobValidator.standard()
                .validate(JobDocuments.read(Path.of("..", "sample-jobs", "clicks-per-user.job.json")).document().orElseThrow()).orThrow();

        MavenProjectExport.write(job, out);

        assertThat(Files.readString(out.resolve("pom.xml"))).contains("<flink.version>" + MavenProjectExport.flinkVersion() + "</flink.version>");
        assertThat(Files.readString(out.resolve("config.yaml")))
                .contains("execution.checkpointing.interval: 3min")
                .contains("execution.checkpointing.dir: file:///tmp/checkpoint-studio/checkpoints")
                .contains("state.backend.type: hashmap");
        Path main = out.resolve("src/main/java/checkpointstudio/export/Main.java");
        assertThat(Files.readString(main)).contains("return loggedIn;").contains("(long) (1L)");

        String classPath = String.join(File.pathSeparator, List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> !e.contains("engine") && !e.contains("flink-runner")).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-proc:none", "-d", out.resolve("classes").toString(), "-cp", classPath, main.toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}
