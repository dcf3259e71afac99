package io.checkpointstudio.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.flink.cli.FlinkMain;
import io.checkpointstudio.flink.connectors.Servers;
import io.checkpointstudio.flink.differential.BothEnginesTest;
import io.checkpointstudio.flink.export.MavenProjectExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flink run JOB.json --cluster URL} against a real Flink 2.3 standalone session cluster (a JobManager
 * and a TaskManager in child JVMs, {@link StandaloneFlinkCluster}) whose class path holds Flink and its
 * dependencies only: the uploaded {@code target/flink-runner-job.jar} must bring the runner, the engine,
 * Jackson, Janino, Kafka's client, the Kafka and JDBC connectors and the PostgreSQL driver itself, loaded
 * child-first by Flink. The job's records must equal the
 * embedded engine's, and its checkpoint configuration must reach Flink. Runs after {@code package}
 * (maven-failsafe-plugin), which builds the jar and {@code target/flink-cluster.classpath}.
 */
class ClusterSubmitIT {
    private static final Path SAMPLE = Path.of("..", "sample-jobs", "clicks-per-user.job.json");
    private static final Path JOB_JAR = Path.of(System.getProperty("flink.job.jar", "target/flink-runner-job.jar"));
    private static final Path CLUSTER_CLASS_PATH = Path.of(System.getProperty("flink.cluster.classpath", "target/flink-cluster.classpath"));
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern JOB_ID = Pattern.compile("as Flink job ([0-9a-f]{32})");
    private static final String NO_FAILURES_ONCE_RUNNING = "no checkpoint fails once all tasks run: ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path clusterDir;
    private static StandaloneFlinkCluster cluster;

    @TempDir
    Path dir;

    @RegisterExtension
    static final TestWatcher SHOW_CLUSTER_LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.err.println("Flink cluster logs after " + context.getDisplayName() + " failed:\n" + cluster.logs());
            }
        }
    };

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(JOB_JAR).as("the job jar (built by mvn package)").isRegularFile();
        cluster = StandaloneFlinkCluster.start(clusterDir, clusterClassPath());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A failed test must not leave a job holding the cluster's two slots. */
    @AfterEach
    void cancelRunningJobs() throws Exception {
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (!Set.of("FINISHED", "CANCELED", "FAILED").contains(job.path("state").asText())) {
                cancel(job.path("jid").asText());
            }
        }
    }

    @Test
    void jobJar_bringsOursJacksonJaninoAndTheConnectors_notFlinkNorRocksDb_andTheClusterHasNoneOfThem() throws Exception {
        List<String> jar = entries(JOB_JAR);
        assertThat(jar).contains("io/checkpointstudio/flink/cluster/ClusterJobMain.class", "io/checkpointstudio/engine/job/JobValidator.class",
                "com/fasterxml/jackson/databind/ObjectMapper.class", "org/codehaus/janino/SimpleCompiler.class",
                "org/apache/kafka/common/errors/TimeoutException.class"); // the engine's Kafka operators do not link without it
        assertThat(jar).contains("org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/flink/connector/jdbc/core/datastream/sink/JdbcSink.class", "org/postgresql/Driver.class");
        assertThat(jar).as("Flink's classes (the connectors' aside: a distribution has none but datagen and base, which it loads first)")
                .noneMatch(e -> e.endsWith(".class") && e.startsWith("org/apache/flink/") && !e.startsWith("org/apache/flink/connector/")
                        && !e.startsWith("org/apache/flink/streaming/connectors/kafka/") // the Kafka connector's own older packages
                        && !e.startsWith("org/apache/flink/streaming/util/serialization/"));
        assertThat(jar).as("Flink's runtime").noneMatch(e -> e.startsWith("org/apache/flink/runtime/")
                || e.startsWith("org/apache/flink/streaming/api/environment/"));
        assertThat(jar).as("RocksDB: Flink's frocksdbjni must be the only one").noneMatch(e -> e.startsWith("org/rocksdb/")
                || e.contains("rocksdbjni"));

        for (Path cp : clusterClassPath()) {
            assertThat(entries(cp)).as(cp.getFileName().toString()).noneMatch(e -> e.startsWith("io/checkpointstudio/")
                    || e.startsWith("com/fasterxml/jackson/") || e.startsWith("org/codehaus/") || e.startsWith("picocli/")
                    || e.startsWith("org/apache/kafka/") || e.startsWith("org/postgresql/")
                    || e.startsWith("org/apache/flink/connector/kafka/") || e.startsWith("org/apache/flink/connector/jdbc/"));
        }
    }

    @Test
    void clicksPerUser_finishesOnTheCluster_withTheEnginesOutput_andItsCheckpointConfig() throws Exception {
        // given clicks-per-user on 20,000 events at 5,000 per second, so that it checkpoints a few times on the way
        JobDocument doc = BothEnginesTest.read(SAMPLE);
        Path jobFile = write(clicks(BothEnginesTest.redirect(doc, dir.resolve("flink")), 20_000, 5_000));
        BothEnginesTest.runOnEngine(BothEnginesTest.validate(clicks(BothEnginesTest.redirect(doc, dir.resolve("engine")), 20_000, 0)));

        // when
        String jobId = submit(jobFile, "--set", "execution.checkpointing.interval=250ms");

        // then it checkpoints while it runs, without failures once its tasks run
        int failedBeforeTasksRan = awaitTasksRunning(jobId);
        JsonNode counts = awaitCompletedCheckpoints(jobId, 3);
        assertThat(counts.path("failed").asInt()).as(NO_FAILURES_ONCE_RUNNING + counts).isEqualTo(failedBeforeTasksRan);

        // and finishes with the embedded engine's records in its sink
        awaitState(jobId, "FINISHED");
        List<String> engineLines = BothEnginesTest.sinkLines(dir.resolve("engine"));
        assertThat(engineLines).isNotEmpty();
        assertThat(BothEnginesTest.sinkLines(dir.resolve("flink"))).isEqualTo(engineLines);

        // and Flink checkpointed with the document's settings (the interval as --set)
        JsonNode config = get("/jobs/" + jobId + "/checkpoints/config");
        assertThat(config.path("interval").asLong()).isEqualTo(250);
        assertThat(config.path("mode").asText()).isEqualTo("exactly_once");
        assertThat(config.at("/externalization/enabled").asBoolean()).as("RETAIN_ON_CANCELLATION").isTrue();
        assertThat(config.at("/externalization/delete_on_cancellation").asBoolean()).isFalse();
        assertThat(config.path("state_backend").asText()).isEqualTo("HashMapStateBackend");
    }

    @Test
    void rocksDbIncremental_atLeastOnce_checkpointsWithoutFailures() throws Exception {
        // given clicks-per-user without end, on RocksDB with incremental checkpoints every 200 ms
        Path checkpoints = dir.resolve("flink").resolve("checkpoints");
        Path jobFile = write(clicks(BothEnginesTest.redirect(BothEnginesTest.read(SAMPLE), dir.resolve("flink")), 0, 2_000));

        // when
        String jobId = submit(jobFile, "--set", "state.backend.type=rocksdb", "--set", "execution.checkpointing.incremental=true",
                "--set", "execution.checkpointing.mode=AT_LEAST_ONCE", "--set", "execution.checkpointing.interval=200ms");

        // then checkpoints complete, none fails, with the config given
        int failedBeforeTasksRan = awaitTasksRunning(jobId);
        JsonNode counts = awaitCompletedCheckpoints(jobId, 4);
        assertThat(counts.path("failed").asInt()).as(NO_FAILURES_ONCE_RUNNING + counts).isEqualTo(failedBeforeTasksRan);
        JsonNode config = get("/jobs/" + jobId + "/checkpoints/config");
        assertThat(config.path("mode").asText()).isEqualTo("at_least_once");
        assertThat(config.path("interval").asLong()).isEqualTo(200);
        assertThat(config.path("state_backend").asText()).isEqualTo("EmbeddedRocksDBStateBackend");

        // and the checkpoint retained on cancellation (which aborts the one in progress) is incremental: RocksDB's files
        // in the shared folder
        cancel(jobId);
        awaitState(jobId, "CANCELED");
        Path jobCheckpoints = checkpoints.resolve(jobId);
        // Flink discards the aborted checkpoint's folder asynchronously, after the job reached CANCELED
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Path> retained = checkpointFolders(jobCheckpoints);
        while (retained.size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            retained = checkpointFolders(jobCheckpoints);
        }
        assertThat(retained).singleElement().satisfies(chk -> assertThat(chk.resolve("_metadata")).isRegularFile());
        try (Stream<Path> shared = Files.list(jobCheckpoints.resolve("shared"))) {
            assertThat(shared.toList()).as("incremental checkpoints' shared files").isNotEmpty();
        }
    }

    private static List<Path> checkpointFolders(Path jobCheckpoints) throws IOException {
        try (Stream<Path> all = Files.list(jobCheckpoints)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-")).toList();
        }
    }

    @Test
    void noClusterAtTheUrl_saysSoAndWhatToDo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        Run run = run("run", SAMPLE.toString(), "--cluster", url, "--jar", JOB_JAR.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: cannot reach a Flink cluster at " + url + "/ (connection refused); start the cluster,"
                + " or pass its REST address to --cluster (rest.address and rest.port of its config.yaml, port 8081 unless changed)");
    }

    @Test
    void urlThatIsNotTheRestRoot_isRefused_withWhatTheClusterNeeds() throws Exception {
        String url = cluster.restUrl() + "/flink";

        Run run = run("run", SAMPLE.toString(), "--cluster", url, "--jar", JOB_JAR.toString());

        // Flink's web UI answers paths it does not route, GET only: the same answer as a cluster without web.submit.enable
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: POST " + url + "/jars/upload failed (400): POST request not allowed;"
                + " the cluster must accept jars (web.submit.enable: true in its config.yaml) and " + url + "/ must be its REST address");
    }

    @Test
    void jarWithoutTheEngine_isRefusedByTheCluster_withTheRootCause() throws Exception {
        Path thinJar = JOB_JAR.resolveSibling("flink-runner.jar");

        Run run = run("run", SAMPLE.toString(), "--cluster", cluster.restUrl(), "--jar", thinJar.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: POST " + cluster.restUrl() + "/jars/").contains("/run failed (")
                .contains("Caused by: java.lang.ClassNotFoundException: io.checkpointstudio.engine.");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    @Test
    void exportedProject_builtWithMaven_runsOnTheCluster_andWritesTheEnginesRecords() throws Exception {
        // given clicks-per-user exported as a Maven project and built with mvn package: no Checkpoint Studio class inside
        JobDocument doc = clicks(BothEnginesTest.redirect(BothEnginesTest.read(SAMPLE), dir.resolve("exported")), 20_000, 5_000)
                .withConfigValue("execution.checkpointing.interval", "250ms");
        Path project = dir.resolve("project");
        MavenProjectExport.write(BothEnginesTest.validate(doc), project);
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "package").directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("mvn.log").toFile()).start();
        assertThat(mvn.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).as("mvn package ends").isTrue();
        assertThat(mvn.exitValue()).as(Files.readString(project.resolve("mvn.log"))).isZero();
        Path jar = project.resolve("target/clicks-per-user-1.0.jar");
        assertThat(entries(jar)).noneMatch(e -> e.startsWith("io/checkpointstudio/"));

        // when its jar is uploaded and run as Flink's own CLI would (entry class, nothing else)
        String jarId = new ClusterSubmit(cluster.restUrl()).upload(jar);
        HttpResponse<String> ran = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"entryClass\": \"checkpointstudio.export.Main\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        String jobId = JSON.readTree(ran.body()).path("jobid").asText();

        // then it finishes with the records the embedded engine writes for the same job
        awaitState(jobId, "FINISHED");
        BothEnginesTest.runOnEngine(BothEnginesTest.validate(clicks(BothEnginesTest.redirect(BothEnginesTest.read(SAMPLE), dir.resolve("engine")),
                20_000, 0)));
        List<String> engineLines = BothEnginesTest.sinkLines(dir.resolve("engine"));
        assertThat(engineLines).isNotEmpty();
        assertThat(BothEnginesTest.sinkLines(dir.resolve("exported"))).isEqualTo(engineLines);
    }

    @Test
    void guideJob_kafkaToPostgresExactlyOnce_onTheCluster_tableEqualsTheOracle() throws Exception {
        // given 50,000 clicks of 500 users in a 4-partition topic of a real broker, and the guide's sample pointed at it,
        // bounded, checkpointing every 200 ms into the cluster's reach, writing a fresh table exactly once (XA)
        long events = 50_000;
        int users = 500;
        String bootstrap = Servers.kafka();
        String topic = "clicks-" + Servers.unique();
        Servers.createTopic(bootstrap, topic, 4);
        ClickProducer.produce(bootstrap, topic, events, users, 42, 0);
        String table = "flink_cluster_" + Servers.unique();
        JobDocument doc = JobDocuments.read(TestServers.GUIDE_SAMPLE).document().orElseThrow().withName("cluster-" + table)
                .withConfigValue("execution.checkpointing.interval", "200ms")
                .withConfigValue("state.checkpoints.dir", dir.resolve("guide-checkpoints").toUri().toString());
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", bootstrap).withParam("topics", topic)
                .withParam("bounded", true));
        doc = doc.withOperator(doc.operator("out").orElseThrow().withParam("url", TestServers.PG_URL).withParam("table", table));
        try {
            // when it is submitted to the cluster, whose class path has no Kafka, JDBC connector or PostgreSQL driver
            String jobId = submit(write(doc));

            // then it finishes, and the table holds each user's count of logged-in clicks
            awaitState(jobId, "FINISHED");
            long[] counts = ClicksOracle.countsPerUser(events, users, 42);
            Map<Long, Long> expected = new HashMap<>();
            for (int u = 0; u < users; u++) {
                if (counts[u] > 0) {
                    expected.put((long) u, counts[u]);
                }
            }
            assertThat(Servers.table(table, "userId", "clicks")).isEqualTo(expected);
        } finally {
            Servers.dropTables(List.of(table));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FlinkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code flink run JOB --cluster URL --jar JAR ARGS}; the Flink job id it printed. */
    private static String submit(Path job, String... args) {
        List<String> all = new ArrayList<>(List.of("run", job.toString(), "--cluster", cluster.restUrl(), "--jar", JOB_JAR.toString()));
        all.addAll(List.of(args));
        Run run = run(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        Matcher id = JOB_ID.matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        return id.group(1);
    }

    /** The document with its source generating {@code events} (0: without end) at {@code eventsPerSecond} (0: unlimited). */
    private static JobDocument clicks(JobDocument doc, long events, long eventsPerSecond) {
        OperatorSpec source = doc.operator("clicks").orElseThrow();
        return doc.withOperator(source.withParam("events", events).withParam("eventsPerSecond", eventsPerSecond));
    }

    private Path write(JobDocument doc) throws IOException {
        Path file = dir.resolve("job.json");
        JobDocuments.write(doc, file);
        return file;
    }

    private static void awaitState(String jobId, String state) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        String now = "";
        while (System.nanoTime() < deadline) {
            now = get("/jobs/" + jobId).path("state").asText();
            if (now.equals(state)) {
                return;
            }
            if (Set.of("FAILED", "CANCELED", "FINISHED").contains(now)) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " is " + now + ", not " + state + "; its exceptions: "
                + get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").path(0).path("stacktrace").asText());
    }

    /**
     * Waits until all the job's tasks run; the failed checkpoint count then. Flink starts triggering checkpoints while
     * the tasks are still being deployed, and counts those triggers as failed ("Not all required tasks are currently
     * running"); with the short intervals here the first one or two usually are.
     */
    private static int awaitTasksRunning(String jobId) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        JsonNode job = get("/jobs/" + jobId);
        while (System.nanoTime() < deadline) {
            List<String> states = new ArrayList<>();
            job.path("vertices").forEach(v -> states.add(v.path("status").asText()));
            if (!states.isEmpty() && states.stream().allMatch("RUNNING"::equals)) {
                return get("/jobs/" + jobId + "/checkpoints").at("/counts/failed").asInt();
            }
            Thread.sleep(50);
            job = get("/jobs/" + jobId);
        }
        throw new AssertionError("the tasks of job " + jobId + " did not all run within " + JOB_TIMEOUT.toSeconds() + " s: " + job);
    }

    private static JsonNode awaitCompletedCheckpoints(String jobId, int completed) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        JsonNode counts = get("/jobs/" + jobId + "/checkpoints").path("counts");
        while (counts.path("completed").asInt() < completed && System.nanoTime() < deadline) {
            Thread.sleep(100);
            counts = get("/jobs/" + jobId + "/checkpoints").path("counts");
        }
        assertThat(counts.path("completed").asInt()).as(counts.toString()).isGreaterThanOrEqualTo(completed);
        return counts;
    }

    private static void cancel(String jobId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<Path> clusterClassPath() throws IOException {
        return Stream.of(Files.readString(CLUSTER_CLASS_PATH).trim().split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(e -> e.getName()).toList();
        }
    }
}
