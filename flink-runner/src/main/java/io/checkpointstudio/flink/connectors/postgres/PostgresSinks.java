package io.checkpointstudio.flink.connectors.postgres;

import io.checkpointstudio.engine.connector.postgres.PostgresTable;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSinkBuilder;
import org.apache.flink.types.Row;

/**
 * postgres-sink as Flink's JDBC {@link JdbcSink}, with the engine's SQL ({@link PostgresTable}): APPEND
 * inserts every row, UPSERT inserts or updates the row of the upsert key; batchSize rows per JDBC batch;
 * createTable creates the table when the sink opens. AT_LEAST_ONCE is the connector's at-least-once sink
 * (batches flushed at every checkpoint). EXACTLY_ONCE is its XA sink: the rows between two checkpoints go
 * into one prepared transaction per subtask, committed when the checkpoint completes; PostgreSQL allows one
 * XA transaction per connection (hence a connection per transaction) and needs
 * {@code max_prepared_transactions > 0} ({@link XaPrecheck}); prepared transactions a failed attempt left
 * behind are rolled back on recovery, and writes are not retried (a retry could write a batch twice).
 *
 * <p>That XA sink (flink-connector-jdbc 4.0.0-2.0) commits a checkpoint's transaction when the sink takes its
 * snapshot, not when the checkpoint completes: a failure in between restores the previous checkpoint and
 * writes those rows again. UPSERT writes the same rows again and the table ends right; APPEND would get
 * duplicates, so APPEND with EXACTLY_ONCE is refused ({@link #limitation}).
 */
public final class PostgresSinks {
    /** How often the at-least-once sink retries a failed batch (the exactly-once sink never does: a retry could write a batch twice). */
    public static final int AT_LEAST_ONCE_RETRIES = 3;

    private PostgresSinks() {
    }

    /** Why this postgres-sink cannot run on Flink as written, with what to do instead; none when it can. */
    public static Optional<String> limitation(ValidatedOperator op) {
        Params p = op.params();
        if (!"APPEND".equals(p.getEnum("mode")) || !"EXACTLY_ONCE".equals(p.getEnum("semantic"))) {
            return Optional.empty();
        }
        return Optional.of("postgres-sink '" + op.id() + "': params.mode APPEND with params.semantic EXACTLY_ONCE is not supported on Flink:"
                + " the exactly-once (XA) sink of flink-connector-jdbc commits a checkpoint's rows when the sink takes its snapshot,"
                + " before the checkpoint completes, so a failure in between appends those rows twice. Use params.mode UPSERT with an"
                + " upsertKey (rows written again replace themselves), params.semantic AT_LEAST_ONCE, or run the job on the embedded engine");
    }

    public static Sink<Row> from(ValidatedOperator op) {
        Params p = op.params();
        PostgresTable table = PostgresTable.of(p, op.inputSchema());
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        PostgresTarget target = new PostgresTarget(op.descriptor().type() + " '" + op.id() + "'", p.getString("url"), p.getString("user"),
                p.getString("passwordEnv"), p.getDuration("connectTimeout").toMillis(),
                p.getBoolean("createTable") ? table.createTableSql() : null, !table.upsert());
        JdbcSinkBuilder<Row> builder = JdbcSink.<Row>builder()
                .withQueryStatement(table.insertSql(), new RowStatement())
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize((int) Math.max(1, p.getLong("batchSize")))
                        .withBatchIntervalMs(0)
                        .withMaxRetries(exactlyOnce ? 0 : AT_LEAST_ONCE_RETRIES)
                        .build());
        if (!exactlyOnce) {
            return builder.buildAtLeastOnce(new EnvPasswordConnections(target));
        }
        return new EndOfInputSafeSink<>(builder.buildExactlyOnce(JdbcExactlyOnceOptions.builder()
                .withTransactionPerConnection(true)
                .withRecoveredAndRollback(true)
                .build(), target::xaDataSource));
    }
}
