package io.checkpointstudio.flink.connectors.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.types.Row;

/** Binds a row's fields, in schema order, to the statement's parameters, as the engine's sink binds a record's. */
final class RowStatement implements JdbcStatementBuilder<Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public void accept(PreparedStatement statement, Row row) throws SQLException {
        for (int f = 0; f < row.getArity(); f++) {
            statement.setObject(f + 1, row.getField(f));
        }
    }
}
