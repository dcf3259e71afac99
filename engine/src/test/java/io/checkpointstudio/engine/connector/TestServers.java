package io.checkpointstudio.engine.connector;

import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServicesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * The real servers connector tests use: a PostgreSQL server of the project's own (the local services' embedded
 * PostgreSQL 17, started once per test JVM on a free port with its data in a temporary folder, prepared
 * transactions enabled), unless {@code CHECKPOINT_STUDIO_PG_URL} names another server (user postgres); and an
 * in-process KRaft broker from Apache Kafka's artifacts. No test reaches a server of the machine unless that
 * variable says so. When the embedded server cannot start the tests fail with the reason; they never skip.
 */
public final class TestServers {
    /** The guide's job as shipped. */
    public static final Path GUIDE_SAMPLE = Path.of("../sample-jobs/clicks-kafka-to-postgres.job.json");
    /** The variable that names a PostgreSQL server of your own for the tests. */
    public static final String PG_URL_ENV = "CHECKPOINT_STUDIO_PG_URL";
    public static final String PG_URL = postgresUrl();
    private static volatile Throwable postgresFailure;

    private TestServers() {
    }

    private static String postgresUrl() {
        String configured = System.getenv(PG_URL_ENV);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            return EmbeddedPostgres.start();
        } catch (Exception | LinkageError e) {
            postgresFailure = e;
            return "jdbc:postgresql://127.0.0.1:1/the-embedded-server-did-not-start";
        }
    }

    public static Connection connectPostgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, "postgres", null);
    }

    /** Fails (never skips) with what to do when no PostgreSQL server answers. */
    public static void requirePostgres() {
        if (postgresFailure != null) {
            throw new AssertionError("the tests' embedded PostgreSQL did not start: " + postgresFailure.getMessage()
                    + "\n(or set " + PG_URL_ENV + "=jdbc:postgresql://<host>:<port>/<db> to a server of your own, user postgres)", postgresFailure);
        }
        try (Connection c = connectPostgres()) {
            if (!c.isValid(2)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            throw new AssertionError("no PostgreSQL server at " + PG_URL + " (" + e.getMessage() + ")"
                    + (System.getenv(PG_URL_ENV) != null ? "; check " + PG_URL_ENV : ""), e);
        }
    }

    /** The embedded PostgreSQL of this JVM: the local services' own, in a temporary data folder, stopped when the JVM ends. */
    private static final class EmbeddedPostgres {
        static String start() throws Exception {
            Path home = Files.createTempDirectory("checkpoint-studio-test-pg");
            LocalServices services = new LocalServices(ServicesSettings.defaults().withHome(home).withAnyPorts());
            String url = services.start(ServiceKind.POSTGRES).address();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    services.stop(ServiceKind.POSTGRES);
                    deleteRecursively(home);
                } catch (Exception ignored) {
                    // the JVM is ending
                }
            }, "stop the tests' PostgreSQL"));
            return url;
        }
    }

    /** Deletes a folder and everything in it. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A started single-node KRaft broker (combined broker and controller) set up for transactions. */
    public static KafkaClusterTestKit startKafka() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }
}
