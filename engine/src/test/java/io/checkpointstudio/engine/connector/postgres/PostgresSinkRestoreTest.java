package io.checkpointstudio.engine.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.operator.JobScope;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.source.DatagenSequenceSource;
import io.checkpointstudio.engine.state.KeyGroupReader;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.Values;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an exactly-once postgres-sink subtask restores what a checkpoint left pending, driven directly with
 * hand-made list-state entries: the rows go to the table of the sink instance that wrote them, once however
 * often the checkpoint is restored, and a checkpoint of the earlier format (no instance recorded) still
 * restores through the earlier bookkeeping.
 */
class PostgresSinkRestoreTest {
    private static final String RUN_1 = "11111111111111111111111111111111";
    private static final String RUN_2 = "22222222222222222222222222222222";
    private static final String RUN_3 = "33333333333333333333333333333333";

    private String jobName;
    private String table1;
    private String table2;

    @BeforeAll
    static void serverIsReachable() {
        TestServers.requirePostgres();
    }

    @BeforeEach
    void names() {
        String suffix = Long.toString(System.nanoTime(), 36) + Integer.toString(new Random().nextInt(1 << 20), 36);
        jobName = "pg-restore-" + suffix;
        table1 = "pg_restore_1_" + suffix;
        table2 = "pg_restore_2_" + suffix;
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table1 + "\"");
            s.execute("DROP TABLE IF EXISTS \"" + table2 + "\"");
            s.execute("DELETE FROM " + CommitMarks.TABLE + " WHERE job_name = '" + jobName + "'");
            s.execute(CommitMarks.createLegacyTableSql());
            s.execute("DELETE FROM " + CommitMarks.LEGACY_TABLE + " WHERE job = '" + jobName + "'");
        }
    }

    /**
     * Run 1 wrote table 1 and left checkpoints 1 (committed) and 2 (not) pending in its checkpoint 2. A job
     * restored from it that writes table 2 (a fork) commits checkpoint 2's rows into table 1, where they
     * belong, and a second restore of the same checkpoint writes nothing again.
     */
    @Test
    void restoredIntoAnotherTable_commitsThePendingRowsWhereTheyWereWritten_once() throws Exception {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"" + table1 + "\" (\"value\" BIGINT)");
            s.execute("INSERT INTO \"" + table1 + "\" VALUES (1), (2), (3)"); // checkpoint 1, committed before the crash
            s.execute(CommitMarks.createTableSql());
            CommitMarks.mark(c, Map.of(new SinkInstance(RUN_1, table1, "out", 0), 1L), jobName);
        }
        Map<Long, List<Long>> pending = new LinkedHashMap<>();
        pending.put(1L, List.of(1L, 2L, 3L));
        pending.put(2L, List.of(4L, 5L));
        byte[] entry = entry(RUN_1, table1, 0, pending);

        for (String run : List.of(RUN_2, RUN_3)) {
            PostgresSink sink = sink(table2);
            sink.restoreState(restore(List.of(entry), 2));
            sink.open(context(run));
            sink.close();
        }

        assertThat(values(table1)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(values(table2)).isEmpty();
        try (Connection c = TestServers.connectPostgres()) {
            assertThat(CommitMarks.committed(c, new SinkInstance(RUN_1, table1, "out", 0))).isEqualTo(2);
        }
    }

    /**
     * An entry written before the sink instance was recorded (it starts with the subtask index): its mark is
     * the earlier table's row for the job name; checkpoint 2 is marked committed there, so only checkpoint
     * 3's rows are written, and the earlier row moves to 3.
     */
    @Test
    void anEntryOfTheEarlierFormat_restoresThroughTheEarlierBookkeeping() throws Exception {
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement()) {
            s.execute(CommitMarks.createLegacyTableSql());
            CommitMarks.legacyMark(c, jobName, "out", Map.of(0, 2L));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0); // the subtask
            out.writeInt(2);
            writeCheckpoint(out, 2, List.of(20L));
            writeCheckpoint(out, 3, List.of(30L, 31L));
        }

        PostgresSink sink = sink(table1);
        sink.restoreState(restore(List.of(bytes.toByteArray()), 3));
        sink.open(context(RUN_2));
        sink.close();

        assertThat(values(table1)).containsExactly(30L, 31L);
        try (Connection c = TestServers.connectPostgres()) {
            assertThat(CommitMarks.legacyCommitted(c, jobName, "out", 0)).isEqualTo(3);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A list-state entry as the sink writes it: the instance, then the pending rows of each checkpoint. */
    private static byte[] entry(String run, String table, int subtask, Map<Long, List<Long>> pending) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(-2);
            out.writeUTF(run);
            out.writeUTF(table);
            out.writeInt(subtask);
            out.writeInt(pending.size());
            for (var e : pending.entrySet()) {
                writeCheckpoint(out, e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void writeCheckpoint(DataOutputStream out, long checkpointId, List<Long> values) throws IOException {
        out.writeLong(checkpointId);
        out.writeInt(values.size());
        for (Long v : values) {
            Values.write(out, v);
        }
    }

    private static PostgresSink sink(String table) throws Exception {
        var d = PostgresSink.DESCRIPTOR;
        var schema = DatagenSequenceSource.SCHEMA;
        Map<String, Object> params = Map.of("url", TestServers.PG_URL, "table", table, "mode", "APPEND");
        return (PostgresSink) d.factory().create(new OperatorSetup("out", d, new Params(d, params), schema, schema, null, null));
    }

    private OperatorContext context(String run) {
        Map<String, Object> scope = new HashMap<>();
        JobScope jobScope = new JobScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getOrCreate(String key, Supplier<T> factory) {
                return (T) scope.computeIfAbsent(key, k -> factory.get());
            }
        };
        return new OperatorContext("out", jobName, run, 0, 1, 128, 0, 127, 1024, name -> null, jobScope, 0, true, Duration.ofMillis(200));
    }

    private static StateRestore restore(List<byte[]> entries, long checkpointId) {
        return new StateRestore() {
            @Override
            public List<byte[]> listState() {
                return entries;
            }

            @Override
            public void readKeyGroups(KeyGroupReader reader) {
            }

            @Override
            public long checkpointId() {
                return checkpointId;
            }
        };
    }

    private static List<Long> values(String table) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = TestServers.connectPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"value\" FROM \"" + table + "\" ORDER BY \"value\"")) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
