package io.checkpointstudio.flink.connectors;

import io.checkpointstudio.engine.connector.ChildBroker;
import io.checkpointstudio.engine.connector.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The real servers of the connector tests: the engine's Kafka broker (Kafka 3.9 in a child JVM on the
 * engine's test class path: this module's class path has the Flink connector's kafka-clients 4.x, which the
 * 3.9 broker cannot run with), one for every test of this JVM, and the engine's {@link TestServers} PostgreSQL
 * (the project's embedded server, prepared transactions enabled for Flink's XA sink, unless
 * {@code CHECKPOINT_STUDIO_PG_URL} names another; fails, never skips, when there is none).
 */
public final class Servers {
    private static ChildBroker broker;
    private static final Random NAMES = new Random();

    private Servers() {
    }

    /** The bootstrap servers of the shared broker, started on first use and stopped when the JVM ends. */
    public static synchronized String kafka() throws Exception {
        if (broker == null) {
            Path dir = Files.createTempDirectory("flink-connectors-broker");
            broker = ChildBroker.start(dir);
            ChildBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                    deleteRecursively(dir);
                } catch (InterruptedException | IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return broker.bootstrapServers();
    }

    public static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /** A name part no other test run uses: tables and topics stay apart across runs and worktrees. */
    public static String unique() {
        return Long.toString(System.nanoTime(), 36) + Integer.toString(NAMES.nextInt(1 << 20), 36);
    }

    public static Connection postgres() throws SQLException {
        TestServers.requirePostgres();
        return TestServers.connectPostgres();
    }

    /** A two-column table (key, value) as a map; fails when a key appears twice. */
    public static Map<Long, Long> table(String table, String key, String value) throws SQLException {
        Map<Long, Long> rows = new HashMap<>();
        try (Connection c = postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"" + key + "\", \"" + value + "\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                if (rows.put(rs.getLong(1), rs.getLong(2)) != null) {
                    throw new AssertionError(table + ": " + key + " " + rs.getLong(1) + " appears twice");
                }
            }
        }
        return rows;
    }

    public static void dropTables(List<String> tables) throws SQLException {
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            for (String t : tables) {
                s.execute("DROP TABLE IF EXISTS \"" + t + "\"");
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
