package io.checkpointstudio.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.cli.Main;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.connector.postgres.PostgresSinkTestHooks;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's job ({@code sample-jobs/clicks-kafka-to-postgres.job.json}: Kafka, filter, map, key-by + sum,
 * PostgreSQL upsert EXACTLY_ONCE) against a broker that goes away: a real KRaft broker in a child JVM on a
 * fixed port (so it can be killed and started again where it was) and the real PostgreSQL server. Whatever
 * happens, the table ends equal to {@link ClicksOracle#countsPerUser}.
 */
class GuideJobOutageTest {
    private static final long EVENTS = 100_000;
    private static final int USERS = 1000;
    private static final long SEED = 7;
    private static final long OUTAGE_MILLIS = 10_000;

    @TempDir
    static Path brokerDir;
    private static ChildBroker broker;

    @TempDir
    Path dir;
    private String table;
    private String jobName;
    private String topic;

    @BeforeAll
    static void startBroker() throws Exception {
        TestServers.requirePostgres();
        broker = ChildBroker.start(brokerDir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void names() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);
        table = "guide_outage_" + suffix;
        jobName = "guide-outage-" + suffix;
        topic = "clicks-" + suffix;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            s.execute("DELETE FROM " + PostgresSinkTestHooks.commitsTable() + " WHERE job_name = '" + jobName + "'");
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Test
    void brokerStoppedFor10sMidRunAndStartedAgain_jobCompletesWithExactResults() throws Exception {
        ClickProducer.produce(broker.bootstrapServers(), topic, EVENTS, USERS, SEED, 0);
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", 100); // about 5 s of work, so the broker goes away in the middle
        CountDownLatch progressed = new CountDownLatch(1);
        List<String> restartCauses = new CopyOnWriteArrayList<>();
        JobDocument job = job(true, Map.of("restart-strategy.fixed-delay.attempts", 100, "restart-strategy.fixed-delay.delay", "500ms"));
        try (JobExecution execution = JobExecution.start(JobValidator.standard().validate(job).orThrow(), RunOptions.defaults(), faults, null)) {
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2) {
                    progressed.countDown();
                } else if (e instanceof EngineEvent.JobRestarting r) {
                    restartCauses.add(r.cause());
                }
            });
            assertThat(progressed.await(30, TimeUnit.SECONDS)).as("two checkpoints completed before the outage").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rowCount() == 0) { // the sink commits just after the completion is announced
                assertThat(System.nanoTime()).as("rows committed before the outage").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(execution.result()).as("the job is still running when the broker goes away").isNotDone();

            broker.kill();
            Thread.sleep(OUTAGE_MILLIS); // the scenario: the broker is away for 10 s
            broker.startAgain();
            faults.slow("logged-in", 0);

            JobResult result = execution.result().get(90, TimeUnit.SECONDS);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).as("restored from a checkpoint after the broker came back").isNotEmpty();
        }
        assertThat(restartCauses).as("restarts while the broker was away").isNotEmpty();
        assertThat(restartCauses.get(0)).contains("cannot reach Kafka at bootstrap servers " + broker.bootstrapServers())
                .contains("check that the brokers are running");
        assertTableEqualsOracle(EVENTS);
    }

    @Test
    void guideJobKilledWithSigkill_thenRunFromItsCheckpoints_tableEqualsTheOracle() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path unbounded = dir.resolve("guide.job.json");
        Path bounded = dir.resolve("guide-bounded.job.json");
        Map<String, Object> config = Map.of("state.checkpoints.dir", checkpoints.toString(), "restart-strategy.fixed-delay.attempts", 1);
        JobDocuments.write(job(false, config), unbounded);
        JobDocuments.write(job(true, config), bounded);
        // the clicks arrive while the job runs, so the kill lands in the middle of the stream
        CompletableFuture<Long> producing = CompletableFuture.supplyAsync(() -> {
            try {
                return ClickProducer.produce(broker.bootstrapServers(), topic, EVENTS, USERS, SEED, 25_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Process process = startChildJvm(unbounded, dir.resolve("child.log"));
        Path jobDir;
        try {
            jobDir = awaitCheckpointsAndRows(process, checkpoints, dir.resolve("child.log"));
            assertThat(process.isAlive()).as("the job is still running when it is killed").isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL on Unix
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(producing.get(60, TimeUnit.SECONDS)).isEqualTo(EVENTS);

        int exit = Main.execute("run", bounded.toString(), "--from", jobDir.toString(), "-q");

        assertThat(exit).as("exit code of run --from %s", jobDir).isZero();
        assertTableEqualsOracle(EVENTS);
    }

    // ------------------------------------------------------------------ helpers

    /** The sample pointed at the child broker, this test's topic, table and name, checkpointing every 100 ms. */
    private JobDocument job(boolean bounded, Map<String, Object> extraConfig) {
        JobDocuments.ReadResult read = JobDocuments.read(GuideJobEndToEndTest.SAMPLE);
        assertThat(read.problems().stream().filter(Problem::isError)).isEmpty();
        JobDocument doc = read.document().orElseThrow().withName(jobName);
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.interval", "100ms");
        config.put("state.checkpoints.dir", dir.resolve("checkpoints").toString());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        config.putAll(extraConfig);
        doc = doc.withConfig(config);
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", broker.bootstrapServers())
                .withParam("topics", topic).withParam("bounded", bounded).withParam("connectTimeout", "3s"));
        OperatorSpec out = doc.operator("out").orElseThrow().withParam("url", TestServers.PG_URL).withParam("table", table);
        return doc.withOperator(out);
    }

    private static Process startChildJvm(Path jobFile, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.checkpointstudio.engine.cli.Main", "run", jobFile.toString(), "-q"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child's job has completed a checkpoint and committed rows of it; returns the job's checkpoint folder. */
    private Path awaitCheckpointsAndRows(Process process, Path checkpoints, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the child JVM ended early; its log:%n%s",
                    Files.exists(log) ? Files.readString(log) : "-").isTrue();
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> jobs = Files.list(checkpoints)) {
                    for (Path jobDir : jobs.toList()) {
                        long completed = CheckpointStorage.checkpointDirs(jobDir).stream().filter(CheckpointStorage::isSnapshot).count();
                        if (completed >= 2 && rowCount() > 0) {
                            return jobDir;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no completed checkpoint with committed rows within 40 s; child log:\n" + Files.readString(log));
    }

    private long rowCount() throws SQLException {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the sink has not created the table yet
            }
            throw e;
        }
    }

    private void assertTableEqualsOracle(long events) throws SQLException {
        long[] expectedCounts = ClicksOracle.countsPerUser(events, USERS, SEED);
        Map<Long, Long> rows = new HashMap<>();
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"userId\", \"clicks\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                assertThat(rows.put(rs.getLong(1), rs.getLong(2))).as("user %d appears once", rs.getLong(1)).isNull();
            }
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            if (expectedCounts[u] > 0) {
                expected.put((long) u, expectedCounts[u]);
            }
        }
        assertThat(rows).isEqualTo(expected);
    }
}
