package io.checkpointstudio.engine.connector;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (Apache Kafka's own {@code kafka.Kafka} main) in a child JVM, on fixed
 * ports and a fixed log folder, so that a test can stop it (SIGKILL: a lost machine) and start it again
 * where it was. An in-process broker cannot be restarted on the same port. The child runs on the engine's
 * test class path ({@link #brokerClassPath()}), so a module whose own class path has another kafka-clients
 * (flink-runner: the Flink connector's 4.x, which the 3.9 broker cannot run with) starts it all the same.
 */
public final class ChildBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;
    private int starts;

    private ChildBroker(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** Formats a log folder under {@code dir} and starts the broker; returns once it answers. */
    public static ChildBroker start(Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            p.store(out, "ChildBroker");
        }
        Path formatLog = dir.resolve("format.log");
        Process format = new ProcessBuilder(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", brokerClassPath(),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()))
                .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's log folder failed; see " + formatLog + ":\n" + tail(formatLog));
        }
        ChildBroker broker = new ChildBroker(dir, config, port);
        broker.startAgain();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker process (again) on the same ports and log folder; returns once it answers. */
    public void startAgain() throws Exception {
        Path log = dir.resolve("broker-" + (++starts) + ".log");
        process = new ProcessBuilder(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", brokerClassPath(), "kafka.Kafka", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(log);
    }

    /**
     * The engine's test class path with Kafka 3.9 and its broker, written by the engine's build
     * (kafka-broker.classpath in its test jar); this JVM's own class path when that file is missing.
     */
    static String brokerClassPath() throws IOException {
        try (var in = ChildBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            return in == null ? System.getProperty("java.class.path") : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Kills the broker process (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    private void awaitReady(Path log) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker process ended (exit " + process.exitValue() + "); see " + log + ":\n"
                            + tail(log));
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(5, TimeUnit.SECONDS);
                    admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s; see "
                                + log + ":\n" + tail(log), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
