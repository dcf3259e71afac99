package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;

import io.checkpointstudio.engine.connector.postgres.PostgresConnect;
import io.checkpointstudio.engine.connector.postgres.PostgresTable;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.flink.connectors.postgres.PostgresSinks;
import java.util.Optional;

/**
 * postgres-sink: the JDBC connector's sink with the engine's SQL, at least once or exactly once through XA
 * ({@link PostgresSinks}, which also says why APPEND with EXACTLY_ONCE cannot run on Flink); exported with
 * the template's connections ({@code Postgres.java}).
 */
final class PostgresSinkTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.input(op).sinkTo(PostgresSinks.from(op)).name(op.id()).uid(op.id()).setParallelism(op.parallelism());
    }

    @Override
    public Optional<String> limitation(ValidatedOperator op) {
        return PostgresSinks.limitation(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        String in = code.input(op);
        PostgresTable table = PostgresTable.of(p, op.inputSchema());
        boolean exactlyOnce = "EXACTLY_ONCE".equals(p.getEnum("semantic"));
        String connection = str(p.getString("url")) + ", " + str(p.getString("user")) + ", "
                + (p.getString("passwordEnv") == null ? "null" : str(p.getString("passwordEnv")));
        code.uses(ExportedConnector.POSTGRES);
        code.imports("org.apache.flink.connector.jdbc.JdbcExecutionOptions", "org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink");
        if (p.getBoolean("createTable")) {
            code.line(2, "// the table is created before the job starts");
            code.line(2, "Postgres.createTable(" + connection + ",");
            code.line(4, str(table.createTableSql()) + ");");
        }
        code.line(2, "// " + (table.upsert() ? "upserts on " + table.upsertKey() : "appends") + " into " + p.getString("table")
                + (p.getString("passwordEnv") == null ? "" : ", the password from $" + p.getString("passwordEnv") + " where the job runs"));
        if (exactlyOnce) {
            code.imports("org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions");
            code.line(2, "// exactly once through XA: a prepared transaction per checkpoint and subtask (PostgreSQL needs max_prepared_transactions > 0);");
            code.line(2, "// the connector commits it when the sink snapshots, so rows may be written again after a failure: upserts end right");
            code.line(2, in + ".sinkTo(new Postgres.EndOfInputSafeSink<>(JdbcSink.<Row>builder()");
        } else {
            code.line(2, "// at least once: batches are written as they fill and at every checkpoint");
            code.line(2, in + ".sinkTo(JdbcSink.<Row>builder()");
        }
        code.line(4, ".withQueryStatement(" + str(table.insertSql()) + ", Postgres::bind)");
        code.line(4, ".withExecutionOptions(JdbcExecutionOptions.builder().withBatchSize(" + Math.max(1, p.getLong("batchSize"))
                + ").withBatchIntervalMs(0).withMaxRetries(" + (exactlyOnce ? 0 : PostgresSinks.AT_LEAST_ONCE_RETRIES) + ").build())");
        if (exactlyOnce) {
            code.line(4, ".buildExactlyOnce(JdbcExactlyOnceOptions.builder().withTransactionPerConnection(true).withRecoveredAndRollback(true).build(),");
            code.line(6, "() -> Postgres.xaDataSource(" + connection + "))))");
        } else {
            code.line(4, ".buildAtLeastOnce(Postgres.connections(" + connection + ", " + !table.upsert() + ")))");
        }
        code.line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }

    @Override
    public Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        return Optional.of("rows in table " + op.params().getString("table") + " at " + PostgresConnect.hostPort(op.params().getString("url")));
    }
}
