package io.checkpointstudio.engine.connector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * The real servers connector tests use: the PostgreSQL server of this machine ({@code CHECKPOINT_STUDIO_PG_URL}
 * overrides {@code jdbc:postgresql://127.0.0.1:5432/test}; user postgres) and an in-process KRaft broker.
 * Without a reachable PostgreSQL server the tests fail with a message saying how to provide one; they never skip.
 */
public final class TestServers {
    /** The guide's job as shipped. */
    public static final java.nio.file.Path GUIDE_SAMPLE = java.nio.file.Path.of("../sample-jobs/clicks-kafka-to-postgres.job.json");
    public static final String PG_URL = System.getenv().getOrDefault("CHECKPOINT_STUDIO_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private TestServers() {
    }

    public static Connection connectPostgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, "postgres", null);
    }

    /** Fails (never skips) with what to do when no PostgreSQL server answers. */
    public static void requirePostgres() {
        try (Connection c = connectPostgres()) {
            if (!c.isValid(2)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            throw new AssertionError("no PostgreSQL server at " + PG_URL + " (" + e.getMessage() + "). These tests need a real server:"
                    + " start PostgreSQL on 127.0.0.1:5432 with a database 'test' and user 'postgres' (trust auth), or set"
                    + " CHECKPOINT_STUDIO_PG_URL=jdbc:postgresql://<host>:<port>/<db> to one", e);
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
