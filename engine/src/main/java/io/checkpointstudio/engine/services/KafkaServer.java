package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka's own broker ({@code kafka.Kafka}) from {@code servers/kafka}: one KRaft node that is broker and
 * controller at once, on 127.0.0.1 only, set up so that transactions and consumer groups work with one node
 * (replication factor 1 for the internal topics). New topics get 4 partitions. The log folder is formatted
 * ({@code kafka-storage format}, Apache's {@code kafka.tools.StorageTool}) on the first start only.
 */
final class KafkaServer implements LocalServer {
    private final ServicesSettings settings;
    private final Path folder;

    KafkaServer(ServicesSettings settings) {
        this.settings = settings;
        this.folder = settings.folder(ServiceKind.KAFKA);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.KAFKA;
    }

    @Override
    public Path log() {
        return folder.resolve("kafka.log");
    }

    @Override
    public boolean needsControllerPort() {
        return true;
    }

    private Path data() {
        return folder.resolve("data");
    }

    private Path config() {
        return folder.resolve("server.properties");
    }

    private String classPath() throws ServiceException {
        Path jars = settings.serverFolder(kind());
        try (var files = Files.list(jars)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw missing(jars);
            }
        } catch (IOException e) {
            throw missing(jars);
        }
        return jars.resolve("*").toString();
    }

    private ServiceException missing(Path jars) {
        return new ServiceException(new ServiceState.Failed(kind(), "Kafka's server jars are not in " + jars,
                "build them with: mvn -q -DskipTests package -pl local-servers -am (./checkpoint-studio does it when needed),"
                        + " or set -D" + ServicesSettings.SERVERS_PROPERTY + " to the folder that holds kafka/, postgres/ and s3/",
                List.of(), null));
    }

    @Override
    public void prepare(Ports ports, Consumer<String> progress) throws ServiceException {
        String cp = classPath();
        try {
            writeConfig(ports);
            Files.writeString(folder.resolve("log4j.properties"), LOG4J, StandardCharsets.UTF_8);
            if (!Files.exists(data().resolve("meta.properties"))) {
                progress.accept("formatting its log folder " + data() + " (first start) ...");
                int exit = ServerProcesses.runToEnd(List.of(ServerProcesses.java(kind()), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                        "-Dlog4j.configuration=" + folder.resolve("log4j.properties").toUri(), "-cp", cp,
                        "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config().toString()), folder, log(), 120);
                if (exit != 0) {
                    throw new ServiceException(new ServiceState.Failed(kind(), "formatting the log folder " + data() + " failed (exit code "
                            + exit + ")", "read " + log() + "; if the folder is damaged, delete " + data() + " (its topics are lost)"
                            + " and start again", LogTail.last(log(), 15), log()));
                }
            }
        } catch (IOException e) {
            throw new ServiceException(new ServiceState.Failed(kind(), "cannot prepare " + folder + ": " + e.getMessage(),
                    "check that the folder can be written", List.of(), null), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(new ServiceState.Failed(kind(), "interrupted while formatting", null, List.of(), null), e);
        }
    }

    private void writeConfig(Ports ports) throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + ports.controllerPort());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports.port() + ",CONTROLLER://127.0.0.1:" + ports.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data().toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        try (OutputStream out = Files.newOutputStream(config())) {
            p.store(out, "Written by Checkpoint Studio at every start of its local Kafka; edits are overwritten");
        }
    }

    @Override
    public List<String> command(Ports ports) throws ServiceException {
        return List.of(ServerProcesses.java(kind()), "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true", "-Dcheckpointstudio.service=kafka",
                "-Dlog4j.configuration=" + folder.resolve("log4j.properties").toUri(), "-Dkafka.logs.dir=" + folder,
                "-cp", classPath(), "kafka.Kafka", config().toString());
    }

    @Override
    public Readiness readiness(int port) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(port));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        Admin admin = Admin.create(p);
        return new Readiness() {
            @Override
            public boolean ready() {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
                    admin.listTopics(new ListTopicsOptions().timeoutMs(3000)).names().get(4, TimeUnit.SECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    return false;
                }
            }

            @Override
            public void close() {
                admin.close(java.time.Duration.ofSeconds(2));
            }
        };
    }

    @Override
    public void requestStop(ProcessHandle process) {
        process.destroy(); // SIGTERM: the broker's controlled shutdown
    }

    @Override
    public String address(int port) {
        return "127.0.0.1:" + port;
    }

    /** The broker's own log: start-up, shutdown, warnings and errors; not the configuration dump of every start. */
    private static final String LOG4J = """
            log4j.rootLogger=WARN, stdout
            log4j.appender.stdout=org.apache.log4j.ConsoleAppender
            log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
            log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
            log4j.logger.kafka.server.KafkaRaftServer=INFO
            log4j.logger.kafka.server.BrokerServer=INFO
            log4j.logger.kafka.server.ControllerServer=INFO
            log4j.logger.kafka.server.SharedServer=INFO
            log4j.logger.kafka.tools.StorageTool=INFO
            log4j.logger.kafka.Kafka=INFO
            log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
            """;
}
