package io.checkpointstudio.flink.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.flink.differential.BothEnginesTest;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported project of a sample is complete (pom.xml with the runner's Flink version and the connectors
 * the job uses, config.yaml under Flink 2.x's keys) and its sources compile against Flink and its
 * connectors alone: they are compiled here with javax.tools on this module's test class path with
 * Checkpoint Studio's own classes left out. The exported clicks-per-user program also runs, and writes the
 * records the embedded engine writes.
 */
class MavenProjectExportTest {
    @TempDir
    Path out;

    @Test
    void clicksPerUser_exportsAProjectWhoseMainCompilesAgainstFlinkAlone() throws Exception {
        ValidatedJob job = JobValidator.standard()
                .validate(JobDocuments.read(Path.of("..", "sample-jobs", "clicks-per-user.job.json")).document().orElseThrow()).orThrow();

        MavenProjectExport.write(job, out);

        assertThat(Files.readString(out.resolve("pom.xml"))).contains("<flink.version>" + MavenProjectExport.flinkVersion() + "</flink.version>")
                .as("no connector dependency").doesNotContain("<artifactId>flink-connector-kafka</artifactId>\n      <version>")
                .doesNotContain("<artifactId>flink-connector-jdbc-core</artifactId>\n      <version>");
        assertThat(Files.readString(out.resolve("config.yaml")))
                .contains("execution.checkpointing.interval: 3min")
                .contains("execution.checkpointing.dir: file:///tmp/checkpoint-studio/checkpoints")
                .contains("state.backend.type: hashmap");
        Path main = out.resolve("src/main/java/checkpointstudio/export/Main.java");
        assertThat(Files.readString(main)).contains("return loggedIn;").contains("(long) (1L)");

        assertCompilesWithoutCheckpointStudio();
    }

    @Test
    void exportedClicksPerUser_runsOnFlinkWithoutCheckpointStudio_andWritesWhatTheEngineWrites(@TempDir Path runs) throws Exception {
        // given clicks-per-user writing under runs/, checkpointing every 200 ms (Flink's FileSink commits on checkpoints)
        JobDocument sample = BothEnginesTest.read(Path.of("..", "sample-jobs", "clicks-per-user.job.json"))
                .withConfigValue("execution.checkpointing.interval", "200ms");
        MavenProjectExport.write(BothEnginesTest.validate(BothEnginesTest.redirect(sample, runs.resolve("exported"))), out);
        assertCompilesWithoutCheckpointStudio();

        // when the exported program's main runs (on a local Flink environment), and the engine runs the same job
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", out.resolve("classes") + File.pathSeparator + classPathWithoutCheckpointStudio(), "checkpointstudio.export.Main")
                .redirectErrorStream(true).redirectOutput(runs.resolve("exported.log").toFile()).start();
        assertThat(program.waitFor(90, TimeUnit.SECONDS)).as("the exported program ends").isTrue();
        assertThat(program.exitValue()).as(Files.readString(runs.resolve("exported.log"))).isZero();
        BothEnginesTest.runOnEngine(BothEnginesTest.validate(BothEnginesTest.redirect(sample, runs.resolve("engine"))));

        // then both wrote the same records
        List<String> engine = BothEnginesTest.sinkLines(runs.resolve("engine"));
        assertThat(engine).isNotEmpty();
        assertThat(BothEnginesTest.sinkLines(runs.resolve("exported"))).isEqualTo(engine);
    }

    @Test
    void guideJob_exportsKafkaSourceAndPostgresSinkOnFlinksConnectors() throws Exception {
        // the sample says "local"; pointed at a cluster's servers, as `flink export` does after resolving it
        ValidatedJob job = LocalAddresses.withAddresses(sample("clicks-kafka-to-postgres.job.json"),
                Map.of(ServiceKind.KAFKA, "localhost:9092", ServiceKind.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/test"));

        MavenProjectExport.write(job, out);

        assertThat(Files.readString(out.resolve("pom.xml")))
                .contains("<artifactId>flink-connector-kafka</artifactId>\n      <version>" + MavenProjectExport.buildProperty("flink-connector-kafka.version"))
                .contains("<artifactId>flink-connector-jdbc-postgres</artifactId>\n      <version>"
                        + MavenProjectExport.buildProperty("flink-connector-jdbc.version"))
                .contains("<artifactId>postgresql</artifactId>");
        assertThat(Files.readString(out.resolve("src/main/java/checkpointstudio/export/Main.java")))
                .contains(".setBootstrapServers(\"localhost:9092\")").contains(".setTopics(\"clicks\")")
                .contains(".setGroupId(\"checkpoint-studio-clicks-kafka-to-postgres\")")
                .contains(".setProperty(\"partition.discovery.interval.ms\", \"10000\")")
                .contains("Postgres.createTable(\"jdbc:postgresql://127.0.0.1:5432/test\", \"postgres\", null,")
                .contains("ON CONFLICT (\\\"userId\\\") DO UPDATE SET \\\"clicks\\\" = EXCLUDED.\\\"clicks\\\"")
                .contains(".buildExactlyOnce(").contains("new Postgres.EndOfInputSafeSink<>(");
        assertThat(out.resolve("src/main/java/checkpointstudio/export/Kafka.java")).exists();
        assertThat(out.resolve("src/main/java/checkpointstudio/export/Postgres.java")).exists();
        assertCompilesWithoutCheckpointStudio();

        // and `mvn package` builds the jar to submit: the program with the connectors a Flink distribution lacks, not Flink
        Process mvn = new ProcessBuilder(MavenProjectExportTest.maven(), "-B", "-q", "package").directory(out.toFile())
                .redirectErrorStream(true).redirectOutput(out.resolve("mvn.log").toFile()).start();
        assertThat(mvn.waitFor(300, TimeUnit.SECONDS)).as("mvn package ends").isTrue();
        assertThat(mvn.exitValue()).as(Files.readString(out.resolve("mvn.log"))).isZero();
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(out.resolve("target/clicks-kafka-to-postgres-1.0.jar").toFile())) {
            List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(entries).contains("checkpointstudio/export/Main.class", "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/connector/jdbc/core/datastream/sink/JdbcSink.class", "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "org/postgresql/Driver.class");
            assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/streaming/api/environment/") || e.startsWith("org/apache/flink/runtime/"));
        }
    }

    /** The Maven that runs this build (maven.home), else mvn on the PATH. */
    private static String maven() {
        String home = System.getProperty("maven.home");
        Path mvn = home == null ? null : Path.of(home, "bin", "mvn");
        return mvn != null && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    @Test
    void kafkaToKafkaAndAtLeastOnceAppend_exportAndCompile() throws Exception {
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "copy clicks", "config": {},
                 "operators": [
                   {"id": "in", "type": "kafka-source", "params": {"bootstrapServers": "k:9092", "topics": "a, b", "format": "CSV",
                     "startFrom": "COMMITTED", "eventTimeField": "ts", "idleTimeout": "5s",
                     "schema": [{"name": "userId", "type": "long"}, {"name": "ts", "type": "long"}]}},
                   {"id": "copy", "type": "kafka-sink", "params": {"bootstrapServers": "k:9092", "topic": "c", "keyField": "userId",
                     "semantic": "EXACTLY_ONCE"}},
                   {"id": "rows", "type": "postgres-sink", "params": {"url": "jdbc:postgresql://db:5432/x", "table": "t", "mode": "APPEND",
                     "semantic": "AT_LEAST_ONCE", "passwordEnv": "PGPASSWORD"}}],
                 "edges": [["in", "copy"], ["in", "rows"]]}
                """).document().orElseThrow()).orThrow();

        MavenProjectExport.write(job, out);

        assertThat(Files.readString(out.resolve("src/main/java/checkpointstudio/export/Main.java")))
                .contains(".setTopics(\"a\", \"b\")").contains("OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)")
                .contains(".withIdleness(Duration.ofMillis(5000))")
                .contains("new Kafka.JsonSerializer(\"c\", 0, ").contains("DeliveryGuarantee.EXACTLY_ONCE")
                .contains(".setTransactionalIdPrefix(\"checkpoint-studio-copy clicks-copy\")")
                .contains(".buildAtLeastOnce(Postgres.connections(\"jdbc:postgresql://db:5432/x\", \"postgres\", \"PGPASSWORD\", true))");
        assertCompilesWithoutCheckpointStudio();
    }

    @Test
    void csvHeaderAndPerRecordWatermarks_exportAsLinesAfterTheHeaderAndAGeneratorThatEmitsOnEvent() throws Exception {
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "late events", "config": {},
                 "operators": [
                   {"id": "in", "type": "file-source", "params": {"path": "events.csv", "format": "CSV", "skipHeader": true, "eventTimeField": "ts",
                     "maxOutOfOrderness": "300ms", "watermarkMode": "PER_RECORD",
                     "schema": [{"name": "key", "type": "string"}, {"name": "ts", "type": "long"}]}},
                   {"id": "by-key", "type": "key-by", "params": {"key": "key"}},
                   {"id": "counts", "type": "window", "params": {"size": "1s", "timeField": "ts", "aggregate": "COUNT"}},
                   {"id": "out", "type": "print", "params": {}}],
                 "edges": [["in", "by-key"], ["by-key", "counts"], ["counts", "out"]]}
                """).document().orElseThrow()).orThrow();

        MavenProjectExport.write(job, out);

        assertThat(Files.readString(out.resolve("src/main/java/checkpointstudio/export/Main.java")))
                .contains("FileSource.forRecordStreamFormat(new LinesAfterHeader(),")
                .contains(".assignTimestampsAndWatermarks(WatermarkStrategy.<Row>forGenerator(ctx$ -> new PerRecordWatermarks(300L))");
        assertCompilesWithoutCheckpointStudio();
    }

    private static ValidatedJob sample(String file) throws Exception {
        return JobValidator.standard().validate(JobDocuments.read(Path.of("..", "sample-jobs", file)).document().orElseThrow()).orThrow();
    }

    /** Compiles every exported source with this module's test class path, Checkpoint Studio's own classes left out. */
    private void assertCompilesWithoutCheckpointStudio() throws Exception {
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", out.resolve("classes").toString(), "-cp", classPathWithoutCheckpointStudio()));
        try (Stream<Path> sources = Files.walk(out.resolve("src"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** This module's test class path without Checkpoint Studio's own classes: Flink, its connectors and their dependencies. */
    private static String classPathWithoutCheckpointStudio() {
        return String.join(File.pathSeparator, List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> !ours(e)).toList());
    }

    /** The reactor's own modules, or their jars in the local repository (not Flink's snakeyaml-engine, say). */
    private static boolean ours(String entry) {
        String e = entry.replace(File.separatorChar, '/');
        return e.contains("/io/checkpointstudio/") || e.contains("/engine/target/") || e.contains("/flink-runner/target/")
                || e.contains("/ui-resources/target/");
    }
}
