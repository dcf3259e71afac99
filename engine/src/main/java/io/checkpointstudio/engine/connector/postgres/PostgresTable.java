package io.checkpointstudio.engine.connector.postgres;

import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of a postgres-sink's table: its INSERT (APPEND) or INSERT ... ON CONFLICT (upsertKey) DO UPDATE
 * (UPSERT) with one parameter per input field in schema order, and its CREATE TABLE from the input
 * fields, every identifier quoted. The Flink runner's JDBC sink sends the same statements.
 *
 * @param upsertKey the key field in UPSERT mode, null in APPEND mode
 */
public record PostgresTable(String table, Schema schema, String upsertKey) {
    private static final Object DDL_LOCK = new Object();

    /** The table a postgres-sink with these parameters writes, for its input schema. */
    public static PostgresTable of(Params params, Schema input) {
        boolean upsert = "UPSERT".equals(params.getEnum("mode"));
        return new PostgresTable(params.getString("table"), input, upsert ? params.getString("upsertKey") : null);
    }

    public boolean upsert() {
        return upsertKey != null;
    }

    public String insertSql() {
        List<String> cols = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (String n : schema.names()) {
            cols.add(quote(n));
            marks.add("?");
        }
        String sql = "INSERT INTO " + quotedTable() + " (" + String.join(", ", cols) + ") VALUES (" + String.join(", ", marks) + ")";
        if (upsert()) {
            List<String> sets = new ArrayList<>();
            for (String n : schema.names()) {
                if (!n.equals(upsertKey)) {
                    sets.add(quote(n) + " = EXCLUDED." + quote(n));
                }
            }
            sql += " ON CONFLICT (" + quote(upsertKey) + ") DO " + (sets.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", sets));
        }
        return sql;
    }

    /** The CREATE TABLE IF NOT EXISTS statement for the input schema (the upsert key as primary key). */
    public String createTableSql() {
        List<String> cols = new ArrayList<>();
        for (var f : schema.fields()) {
            cols.add(quote(f.name()) + " " + sqlType(f.type()) + (f.name().equals(upsertKey) ? " NOT NULL" : ""));
        }
        if (upsert()) {
            cols.add("PRIMARY KEY (" + quote(upsertKey) + ")");
        }
        return "CREATE TABLE IF NOT EXISTS " + quotedTable() + " (" + String.join(", ", cols) + ")";
    }

    public String quotedTable() {
        StringBuilder b = new StringBuilder();
        for (String part : table.split("\\.")) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(quote(part));
        }
        return b.toString();
    }

    static String sqlType(FieldType type) {
        return switch (type) {
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "TEXT";
        };
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Runs CREATE statements with autocommit on, one at a time in this process: two subtasks creating the same
     * table at once can collide in PostgreSQL's catalog even with IF NOT EXISTS, so such a collision
     * (unique_violation, duplicate_table) counts as done. {@code label} names the sink in the error.
     */
    public static void executeDdl(Connection connection, Collection<String> ddl, String label) throws SQLException {
        synchronized (DDL_LOCK) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                for (String sql : ddl) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                            throw new SQLException(label + ": cannot create table (" + sql + "): " + e.getMessage(), e.getSQLState(), e);
                        }
                    }
                }
            } finally {
                connection.setAutoCommit(auto);
            }
        }
    }
}
