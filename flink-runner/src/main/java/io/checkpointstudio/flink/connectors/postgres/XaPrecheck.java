package io.checkpointstudio.flink.connectors.postgres;

import io.checkpointstudio.engine.connector.postgres.PostgresConnect;
import io.checkpointstudio.engine.connector.postgres.PostgresSink;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Before a job goes to Flink: every exactly-once postgres-sink commits through XA, and PostgreSQL refuses
 * to prepare a transaction while {@code max_prepared_transactions} is 0 (its default). Reading the setting
 * from each such sink's server here turns what would be an XA error deep in a task's stack trace into one
 * message naming the sink, the server and the fix. A server this process cannot reach (or log in to) is a
 * warning only: on a cluster the job's code may reach it where this process does not.
 */
public final class XaPrecheck {
    /** What the check found: errors stop the job, warnings do not. */
    public record Result(List<String> errors, List<String> warnings) {
    }

    private XaPrecheck() {
    }

    public static Result check(ValidatedJob job) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ValidatedOperator op : job.operators()) {
            Params p = op.params();
            if (!op.descriptor().type().equals(PostgresSink.TYPE) || !"EXACTLY_ONCE".equals(p.getEnum("semantic"))) {
                continue;
            }
            String label = "postgres-sink '" + op.id() + "'";
            String server = PostgresConnect.hostPort(p.getString("url"));
            try {
                problem(op.id(), server, maxPreparedTransactions(p, label)).ifPresent(errors::add);
            } catch (SQLException | RuntimeException e) {
                warnings.add(label + ": cannot read max_prepared_transactions of PostgreSQL at " + server + " from here (" + e.getMessage()
                        + "); EXACTLY_ONCE on Flink needs it above 0 on that server");
            }
        }
        return new Result(List.copyOf(errors), List.copyOf(warnings));
    }

    /** The error for an exactly-once sink whose server has {@code maxPreparedTransactions}; none when it is above 0. */
    public static Optional<String> problem(String sinkId, String server, int maxPreparedTransactions) {
        if (maxPreparedTransactions > 0) {
            return Optional.empty();
        }
        return Optional.of("postgres-sink '" + sinkId + "' is EXACTLY_ONCE, which on Flink commits through XA (prepared transactions),"
                + " but PostgreSQL at " + server + " has max_prepared_transactions = " + maxPreparedTransactions + " and refuses them."
                + " Raise it on that server (as a superuser: ALTER SYSTEM SET max_prepared_transactions = 16; then restart PostgreSQL),"
                + " or set params.semantic of '" + sinkId + "' to AT_LEAST_ONCE (with mode UPSERT the table still ends with the same rows)");
    }

    private static int maxPreparedTransactions(Params p, String label) throws SQLException {
        try (Connection c = PostgresConnect.open(p.getString("url"), PostgresConnect.properties(p.getString("user"), p.getString("passwordEnv"), label),
                0, label);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(label + ": interrupted", e);
        }
    }
}
