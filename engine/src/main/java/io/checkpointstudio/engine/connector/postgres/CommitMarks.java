package io.checkpointstudio.engine.connector.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The exactly-once postgres-sink's bookkeeping in table {@value #TABLE}: per {@link SinkInstance} the newest
 * checkpoint whose rows are in the table. It is written in the transaction that writes the rows and read on
 * restore, to tell the restored checkpoint's pending rows that were committed from those that were not.
 * A mark only moves forward: "every checkpoint of this instance up to n is in the table" stays true.
 *
 * <p>Snapshots written before the sink instance was recorded keep their marks in {@value #LEGACY_TABLE}
 * keyed by (job name, operator id, subtask); a restore from such a snapshot reads and updates that row once,
 * as the earlier version did, and then continues under its own instance.
 */
final class CommitMarks {
    static final String TABLE = "checkpoint_studio_sink_commits";
    static final String LEGACY_TABLE = "checkpoint_studio_commits";

    private CommitMarks() {
    }

    static String createTableSql() {
        return "CREATE TABLE IF NOT EXISTS " + TABLE + " (run_id TEXT NOT NULL, target_table TEXT NOT NULL, operator TEXT NOT NULL,"
                + " subtask INT NOT NULL, checkpoint BIGINT NOT NULL, job_name TEXT, committed_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                + " PRIMARY KEY (run_id, target_table, operator, subtask))";
    }

    static String createLegacyTableSql() {
        return "CREATE TABLE IF NOT EXISTS " + LEGACY_TABLE
                + " (job TEXT NOT NULL, operator TEXT NOT NULL, subtask INT NOT NULL, checkpoint BIGINT NOT NULL,"
                + " PRIMARY KEY (job, operator, subtask))";
    }

    /** The newest checkpoint of {@code instance} whose rows are committed; 0 when none is. */
    static long committed(Connection connection, SinkInstance instance) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT checkpoint FROM " + TABLE + " WHERE run_id = ? AND target_table = ? AND operator = ? AND subtask = ?")) {
            s.setString(1, instance.runId());
            s.setString(2, instance.table());
            s.setString(3, instance.operatorId());
            s.setInt(4, instance.subtask());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** Moves each instance's mark up to its checkpoint (never down); {@code jobName} is kept for people reading the table. */
    static void mark(Connection connection, Map<SinkInstance, Long> marks, String jobName) throws SQLException {
        if (marks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + TABLE
                + " (run_id, target_table, operator, subtask, checkpoint, job_name) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, target_table, operator, subtask) DO UPDATE SET checkpoint = GREATEST("
                + TABLE + ".checkpoint, EXCLUDED.checkpoint), committed_at = now()")) {
            for (var m : marks.entrySet()) {
                SinkInstance i = m.getKey();
                s.setString(1, i.runId());
                s.setString(2, i.table());
                s.setString(3, i.operatorId());
                s.setInt(4, i.subtask());
                s.setLong(5, m.getValue());
                s.setString(6, jobName);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A snapshot of the earlier format: the mark of (job name, operator id, subtask); 0 when there is none. */
    static long legacyCommitted(Connection connection, String jobName, String operatorId, int subtask) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT checkpoint FROM " + LEGACY_TABLE + " WHERE job = ? AND operator = ? AND subtask = ?")) {
            s.setString(1, jobName);
            s.setString(2, operatorId);
            s.setInt(3, subtask);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    static void legacyMark(Connection connection, String jobName, String operatorId, Map<Integer, Long> marks) throws SQLException {
        if (marks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + LEGACY_TABLE + " (job, operator, subtask, checkpoint)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (job, operator, subtask) DO UPDATE SET checkpoint = EXCLUDED.checkpoint")) {
            for (var m : marks.entrySet()) {
                s.setString(1, jobName);
                s.setString(2, operatorId);
                s.setInt(3, m.getKey());
                s.setLong(4, m.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
