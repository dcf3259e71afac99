package io.checkpointstudio.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServiceState;
import io.checkpointstudio.engine.services.ServicesSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guide's sample as shipped, with {@code "local"} addresses, on the studio's own local Kafka and PostgreSQL,
 * started the way a user starts them: {@code services start} of the CLI in a child JVM, in a data folder of this
 * test (any free ports). Killed with SIGKILL and resumed with {@code run --from}; and, in this JVM, with the
 * broker killed (SIGKILL) while the job runs and started again. Each time the table equals the oracle.
 */
class GuideJobOnLocalServicesTest {
    private static final Path SAMPLE = Path.of("../sample-jobs/clicks-kafka-to-postgres.job.json").toAbsolutePath().normalize();
    private static final int USERS = 1000;
    private static final long SEED = 42;
    private static Path home;
    private static ServicesSettings settings;
    private static LocalServices services;

    @BeforeAll
    static void startServicesAsAUserDoes() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "guide-local");
        settings = ServicesSettings.defaults().withHome(home).withAnyPorts();
        services = new LocalServices(settings);
        CliRun start = cli(home, "services-start", "services", "start", "kafka", "postgres");
        assertThat(start.process.waitFor(120, TimeUnit.SECONDS)).as("services start ended").isTrue();
        assertThat(start.process.exitValue()).as("services start: %s", start.output()).isZero();
        assertThat(start.output()).containsPattern("kafka +running +127\\.0\\.0\\.1:\\d+ +started in \\d+\\.\\d s")
                .containsPattern("postgres +running +jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres +started in \\d+\\.\\d s")
                .contains("services ready in ");
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (home != null) {
            CliRun stop = cli(home, "services-stop", "services", "stop");
            stop.process.waitFor(120, TimeUnit.SECONDS);
            assertThat(services.status().values()).allMatch(s -> s instanceof ServiceState.Stopped);
            TestServers.deleteRecursively(home);
        }
    }

    @Test
    void sampleWithLocal_killedWithSigkill_thenRunFrom_tableEqualsTheOracle() throws Exception {
        Path work = Files.createDirectories(home.resolve("cli-run"));
        long events = 100_000;
        // the clicks arrive while the job runs (20 s at 5,000 a second), so the kill lands in the middle of the stream
        CliRun produce = cli(work, "produce", "produce-clicks", "--events", Long.toString(events), "--rate", "5000/s");
        long firstClicks = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (services.kafkaTopics().stream().noneMatch(t -> t.name().equals("clicks") && t.totalEndOffset() > 0)) {
            assertThat(produce.process.isAlive()).as("produce-clicks ended: %s", produce.output()).isTrue();
            assertThat(System.nanoTime()).as("the first clicks arrive; produce-clicks:%n%s", produce.output()).isLessThan(firstClicks);
            Thread.sleep(100);
        }

        CliRun status = cli(work, "status", "services", "status", "--json");
        assertThat(status.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String line = status.output().strip();
        assertThat(line.lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("kafka").path("state").asText()).isEqualTo("running");
        assertThat(json.path("kafka").path("bootstrap").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(json.path("postgres").path("url").asText()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
        assertThat(json.path("s3").path("state").asText()).isEqualTo("stopped");

        // the sample file as shipped; checkpoints more often than its 10 s so the kill lands after some
        CliRun run = cli(work, "run-1", "run", SAMPLE.toString(), "--set", "execution.checkpointing.interval=300ms");
        Path checkpoints = work.resolve("target/checkpoints");
        Path jobDir;
        try {
            jobDir = awaitCheckpointWithRows(run, checkpoints, "clicks_per_user");
        } finally {
            run.process.destroyForcibly(); // SIGKILL
        }
        assertThat(run.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(128 + 9);
        assertThat(produce.process.isAlive()).as("the clicks were still arriving when the job was killed: %s", produce.output()).isTrue();
        assertThat(table("clicks_per_user")).as("killed before it had read everything").isNotEqualTo(oracle(events));
        assertThat(produce.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(produce.output()).as("produce-clicks without --bootstrap writes to the local broker")
                .contains("wrote " + events + " events (1000 users, seed 42) to topic 'clicks' at 127.0.0.1:");
        assertThat(run.output()).contains("local Kafka: 127.0.0.1:").contains("local PostgreSQL: jdbc:postgresql://127.0.0.1:");

        CliRun resumed = cli(work, "run-2", "run", SAMPLE.toString(), "--from", jobDir.toString(),
                "--set", "execution.checkpointing.interval=300ms");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!resumed.output().contains("checkpoint")) { // resumed and checkpointing (the rows of a checkpoint come with it)
                assertThat(resumed.process.isAlive()).as("the resumed run ended: %s", resumed.output()).isTrue();
                assertThat(System.nanoTime()).as("the resumed run checkpoints; its log:%n%s", resumed.output()).isLessThan(deadline);
                Thread.sleep(100);
            }
            Map<Long, Long> expected = oracle(events);
            while (!table("clicks_per_user").equals(expected)) {
                assertThat(resumed.process.isAlive()).as("the resumed run ended: %s", resumed.output()).isTrue();
                assertThat(System.nanoTime()).as("the table reached the oracle; run log:%n%s", resumed.output()).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(resumed.output()).contains("resuming from " + jobDir);
        } finally {
            resumed.process.destroy(); // Ctrl-C: cancels the unbounded job
            resumed.process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(table("clicks_per_user")).isEqualTo(oracle(events));
    }

    @Test
    void brokerKilledWhileTheJobRuns_jobRestartsAndRecoversWhenItIsBack_tableEqualsTheOracle() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String topic = "clicks-outage-" + suffix;
        String table = "guide_local_outage_" + suffix;
        long events = 200_000;
        ServiceState.Running kafka = services.start(ServiceKind.KAFKA);
        ClickProducer.produce(kafka.address(), topic, events, USERS, SEED, 0);

        JobDocument doc = JobDocuments.read(SAMPLE).document().orElseThrow().withName("guide-local-outage-" + suffix);
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.interval", "200ms");
        config.put("state.checkpoints.dir", home.resolve("outage-checkpoints").toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 100);
        config.put("restart-strategy.fixed-delay.delay", "500ms");
        doc = doc.withConfig(config);
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("topics", topic).withParam("bounded", true)
                .withParam("connectTimeout", "3s"));
        doc = doc.withOperator(doc.operator("out").orElseThrow().withParam("table", table));
        ValidatedJob job = LocalAddresses.resolve(JobValidator.standard().validate(doc).orThrow(), services);
        assertThat(job.operator("clicks").orElseThrow().params().getString("bootstrapServers")).isEqualTo(kafka.address());

        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", 100); // several seconds of work, so the broker goes away in the middle
        CountDownLatch progressed = new CountDownLatch(1);
        List<String> restartCauses = new CopyOnWriteArrayList<>();
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults(), faults, null)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2) {
                    progressed.countDown();
                } else if (e instanceof EngineEvent.JobRestarting r) {
                    restartCauses.add(r.cause());
                }
            });
            assertThat(progressed.await(60, TimeUnit.SECONDS)).as("two checkpoints before the broker is killed").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rows(table) == 0) {
                assertThat(System.nanoTime()).as("rows committed before the broker is killed").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(execution.result()).isNotDone();

            ProcessHandle broker = ProcessHandle.of(((ServiceState.Running) services.status(ServiceKind.KAFKA)).pid()).orElseThrow();
            broker.destroyForcibly(); // SIGKILL
            broker.onExit().get(30, TimeUnit.SECONDS);
            assertThat(services.status(ServiceKind.KAFKA)).isInstanceOf(ServiceState.Failed.class);
            Thread.sleep(5000);
            ServiceState.Running back = services.start(ServiceKind.KAFKA);
            assertThat(back.address()).as("the broker comes back where the job looks").isEqualTo(kafka.address());
            faults.slow("logged-in", 0);

            JobResult result = execution.result().get(180, TimeUnit.SECONDS);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).as("restored from a checkpoint after the broker came back").isNotEmpty();
        }
        assertThat(restartCauses).as("restarts while the broker was away").isNotEmpty();
        assertThat(restartCauses.get(0)).contains(kafka.address());
        assertThat(table(table)).isEqualTo(oracle(events));
    }

    @Test
    void produceClicksAtARate_withoutEvents_writesUntilStopped_andSaysHowMany() throws Exception {
        CliRun produce = cli(home, "produce-rate", "produce-clicks", "--topic", "clicks-at-a-rate", "--rate", "2000/s");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!produce.output().contains("events written")) { // its progress line, about once a second
            assertThat(produce.process.isAlive()).as("produce-clicks ended on its own: %s", produce.output()).isTrue();
            assertThat(System.nanoTime()).as("produce-clicks writes; its output:%n%s", produce.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        produce.process.destroy(); // SIGTERM, as Ctrl-C: it stops, waits for the acknowledgements and says how many
        assertThat(produce.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Matcher wrote = Pattern.compile("wrote (\\d+) events").matcher(produce.output());
        assertThat(wrote.find()).as("its last line: %s", produce.output()).isTrue();
        long sent = Long.parseLong(wrote.group(1));
        assertThat(sent).isPositive();
        assertThat(produce.output()).contains("writing 2000 events/s to topic 'clicks-at-a-rate' at 127.0.0.1:");
        assertThat(services.kafkaTopics()).filteredOn(t -> t.name().equals("clicks-at-a-rate")).singleElement()
                .satisfies(t -> assertThat(t.totalEndOffset()).as("every event it says it wrote, and no more").isEqualTo(sent));
    }

    // ------------------------------------------------------------------ helpers

    /** A CLI command in a child JVM with this test's data folder: what a user runs, in a process of its own. */
    private record CliRun(Process process, Path log) {
        String output() throws Exception {
            return Files.exists(log) ? Files.readString(log) : "";
        }
    }

    private static CliRun cli(Path workDir, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-D" + ServicesSettings.HOME_PROPERTY + "=" + home, "-D" + ServicesSettings.SERVERS_PROPERTY + "=" + settings.servers(),
                "-D" + ServicesSettings.BINARIES_PROPERTY + "=" + settings.binaries(), "-D" + ServicesSettings.PORTS_PROPERTY + "=any",
                "-cp", System.getProperty("java.class.path"), "io.checkpointstudio.engine.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = home.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new CliRun(p, log);
    }

    private static Path awaitCheckpointWithRows(CliRun run, Path checkpoints, String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(run.process.isAlive()).as("the run ended early: %s", run.output()).isTrue();
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> jobs = Files.list(checkpoints)) {
                    for (Path jobDir : jobs.toList()) {
                        long completed = CheckpointStorage.checkpointDirs(jobDir).stream().filter(CheckpointStorage::isSnapshot).count();
                        if (completed >= 1 && rows(table) > 0) { // the sample keeps one checkpoint (num-retained 1)
                            return jobDir;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no completed checkpoint with committed rows within 90 s; run log:\n" + run.output());
    }

    private static Connection postgres() throws SQLException {
        ServiceState s = services.status(ServiceKind.POSTGRES);
        assertThat(s).isInstanceOf(ServiceState.Running.class);
        return DriverManager.getConnection(((ServiceState.Running) s).address(), "postgres", null);
    }

    private static long rows(String table) throws SQLException {
        try (Connection c = postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    private static Map<Long, Long> table(String table) throws SQLException {
        Map<Long, Long> rows = new HashMap<>();
        try (Connection c = postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                assertThat(rows.put(rs.getLong(1), rs.getLong(2))).as("user %d appears once", rs.getLong(1)).isNull();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return rows;
            }
            throw e;
        }
        return rows;
    }

    private static Map<Long, Long> oracle(long events) {
        long[] counts = ClicksOracle.countsPerUser(events, USERS, SEED);
        Map<Long, Long> expected = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            if (counts[u] > 0) {
                expected.put((long) u, counts[u]);
            }
        }
        return expected;
    }
}
