package io.checkpointstudio.flink.connectors.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;

/**
 * The at-least-once JDBC sink's connection, opened by {@link PostgresTarget} on the task manager: Flink's
 * own provider takes the password as a value in the job, this one reads it from the environment there.
 */
final class EnvPasswordConnections implements JdbcConnectionProvider {
    private static final long serialVersionUID = 1L;
    private static final int VALID_TIMEOUT_SECONDS = 5;

    private final PostgresTarget target;
    private transient Connection connection;

    EnvPasswordConnections(PostgresTarget target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isConnectionValid() throws SQLException {
        return connection != null && connection.isValid(VALID_TIMEOUT_SECONDS);
    }

    @Override
    public Connection getOrEstablishConnection() throws SQLException {
        if (connection == null) {
            connection = target.connect();
        }
        return connection;
    }

    @Override
    public void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection is replaced anyway
            }
            connection = null;
        }
    }

    @Override
    public Connection reestablishConnection() throws SQLException {
        closeConnection();
        return getOrEstablishConnection();
    }
}
