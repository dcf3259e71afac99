package io.checkpointstudio.flink.connectors.postgres;

import io.checkpointstudio.engine.connector.postgres.PostgresConnect;
import io.checkpointstudio.engine.connector.postgres.PostgresTable;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import javax.sql.XADataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * Where a postgres-sink on Flink writes and how it connects, carried to the task managers: the server, the
 * user, the name of the environment variable with the password (read there, when connecting, so the
 * password is never part of the job) and the CREATE TABLE to run before the first row is written. Connects
 * as the engine's sink does ({@link PostgresConnect}); the table is created once per sink subtask, with
 * the engine's DDL ({@link PostgresTable#executeDdl}).
 *
 * @param createTableSql null when the sink does not create its table
 * @param rewriteBatchedInserts whether the driver may turn a batch into multi-row INSERTs: never for
 *     UPSERT, where one batch can hold a key twice, which a multi-row upsert refuses
 */
record PostgresTarget(String label, String url, String user, String passwordEnv, long connectTimeoutMillis,
                      String createTableSql, boolean rewriteBatchedInserts) implements Serializable {

    /** A plain connection (at-least-once), after creating the table. */
    Connection connect() throws SQLException {
        Connection connection = open();
        try {
            createTable(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The XA data source of the exactly-once sink (a new connection per transaction), after creating the table. */
    XADataSource xaDataSource() {
        if (createTableSql != null) {
            try (Connection connection = open()) {
                createTable(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        PGXADataSource source = new PGXADataSource();
        source.setUrl(url);
        source.setUser(user);
        source.setPassword(PostgresConnect.password(user, passwordEnv, label));
        source.setConnectTimeout(5);
        source.setApplicationName("checkpoint-studio");
        source.setReWriteBatchedInserts(rewriteBatchedInserts);
        return source;
    }

    private Connection open() throws SQLException {
        Properties props = PostgresConnect.properties(user, passwordEnv, label);
        props.setProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatchedInserts));
        try {
            return PostgresConnect.open(url, props, connectTimeoutMillis, label);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(label + ": interrupted while connecting to " + PostgresConnect.hostPort(url), e);
        }
    }

    private void createTable(Connection connection) throws SQLException {
        if (createTableSql != null) {
            PostgresTable.executeDdl(connection, List.of(createTableSql), label);
        }
    }
}
