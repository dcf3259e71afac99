package io.checkpointstudio.engine.connector.postgres;

import io.checkpointstudio.engine.fault.InjectedFailure;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.Values;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes records into a PostgreSQL table over JDBC, appending or upserting on a key.
 *
 * <p>AT_LEAST_ONCE writes JDBC batches as records arrive and flushes at every checkpoint. EXACTLY_ONCE
 * works on a stock server (no prepared transactions): the rows between two checkpoints are kept in the
 * sink's list state, keyed by checkpoint id; when checkpoint n completes, the rows of every checkpoint up
 * to n not yet written go into the table in one transaction together with the mark of this
 * {@link SinkInstance} (the run's id, the table, the operator id and the subtask) in {@link CommitMarks},
 * set to n. Each list-state entry records its instance, so a restore (another run) reads the marks of
 * the instances whose rows it restores: pending checkpoints up to the mark were committed (dropped), the
 * others are committed at once (the restored checkpoint completed). A fresh start has a new run id and
 * touches no mark, so jobs that share a name never see each other's bookkeeping.
 */
public final class PostgresSink implements StreamOperator {
    public static final String TYPE = "postgres-sink";
    static final String COMMITS_TABLE = CommitMarks.TABLE;
    /** Starts a list-state entry of this format; an entry of the earlier format (no sink instance) starts with its subtask index. */
    private static final int ENTRY_FORMAT = -2;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** Test hook: when set to a table name, the next commit into that table fails before anything is written. */
    static volatile String failBeforeCommitOfTable;
    /** Test hook: how many times a restore found rows of a completed checkpoint not yet committed and committed them. */
    static final AtomicLong COMMITS_AT_RESTORE = new AtomicLong();

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "PostgreSQL sink")
            .summary("Writes records into a PostgreSQL table, exactly once with the checkpoints")
            .icon("mdi2d-database-arrow-down")
            .exactlyOnceSink()
            .stateful(true)
            .param(ParamDescriptor.builder("url", ParamType.STRING).label("JDBC URL").required()
                    .summary("The server and database, e.g. jdbc:postgresql://127.0.0.1:5432/test, or local: the studio's own"
                            + " PostgreSQL (started when the job runs)").build())
            .param(ParamDescriptor.builder("user", ParamType.STRING).label("User").defaultValue("postgres")
                    .summary("The database user").build())
            .param(ParamDescriptor.builder("passwordEnv", ParamType.STRING).label("Password variable")
                    .summary("The name of an environment variable holding the password; the password never appears in the job").build())
            .param(ParamDescriptor.builder("table", ParamType.STRING).label("Table").required()
                    .summary("The table to write, optionally schema-qualified").build())
            .param(ParamDescriptor.builder("mode", ParamType.ENUM).label("Mode").values("APPEND", "UPSERT").defaultValue("UPSERT")
                    .summary("APPEND: insert every record; UPSERT: insert or update the row of the record's key").build())
            .param(ParamDescriptor.builder("upsertKey", ParamType.FIELD).label("Upsert key")
                    .summary("UPSERT: the field that identifies a row (the table's primary key)").build())
            .param(ParamDescriptor.builder("createTable", ParamType.BOOLEAN).label("Create table").defaultValue(true)
                    .summary("Create the table from the input fields if it does not exist").build())
            .param(ParamDescriptor.builder("batchSize", ParamType.LONG).label("Batch size").defaultValue(1000L).min(1)
                    .summary("Rows per JDBC batch").build())
            .param(ParamDescriptor.builder("semantic", ParamType.ENUM).label("Semantic").values("EXACTLY_ONCE", "AT_LEAST_ONCE")
                    .defaultValue("EXACTLY_ONCE")
                    .summary("EXACTLY_ONCE: commit with completed checkpoints; AT_LEAST_ONCE: write as records arrive").build())
            .param(ParamDescriptor.builder("connectTimeout", ParamType.DURATION).label("Connect timeout").defaultValue("30s").min(0)
                    .summary("How long to retry connecting, with backoff, before the task fails (the restart strategy then applies)").build())
            .schema(ctx -> {
                String url = ctx.params().getString("url");
                // "local" (the studio's local PostgreSQL) is resolved when the job runs (services.LocalAddresses)
                if (url != null && !url.startsWith("jdbc:postgresql://") && !"local".equalsIgnoreCase(url.trim())) {
                    ctx.error("url", "must start with jdbc:postgresql://, e.g. jdbc:postgresql://127.0.0.1:5432/test, or be local"
                            + " (the studio's own PostgreSQL)");
                }
                String secret = url == null ? null : PostgresConnect.secretInUrl(url);
                if (secret != null) {
                    ctx.error("url", "holds " + secret + "; a password never appears in a job: remove it from the URL and set"
                            + " params.passwordEnv to the name of an environment variable that holds it (the user goes in params.user)");
                }
                String table = ctx.params().getString("table");
                if (table != null && !IDENTIFIER.matcher(table).matches()) {
                    ctx.error("table", "'" + table + "' is not a table name: use letters, digits and _ (optionally schema.table)");
                }
                String passwordEnv = ctx.params().getString("passwordEnv");
                if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    ctx.error("passwordEnv", "must be the name of an environment variable (not the password itself)");
                }
                if ("UPSERT".equals(ctx.params().getEnum("mode"))) {
                    String key = ctx.params().getString("upsertKey");
                    if (key == null) {
                        ctx.error("upsertKey", "is required when mode is UPSERT; the input has " + String.join(", ", ctx.input().names()));
                    } else {
                        ctx.requireField("upsertKey", key);
                    }
                }
                return ctx.input();
            })
            .factory(setup -> new PostgresSink(setup.params(), setup.inputSchema()))
            .build();

    private final String url;
    private final String user;
    private final String passwordEnv;
    private final String table;
    private final PostgresTable target;
    private final boolean upsert;
    private final boolean createTable;
    private final int batchSize;
    private final boolean exactlyOnce;
    private final Schema schema;
    private final int keyIndex;
    private final long connectTimeoutMillis;

    private String label = TYPE;
    private String jobName;
    private SinkInstance instance;
    private int subtask;
    private Connection connection;
    private PreparedStatement insert;
    private int batched;

    /** Rows since the last snapshot. */
    private List<Object[]> current = new ArrayList<>();
    /** EXACTLY_ONCE: rows of snapshotted checkpoints not yet committed, by checkpoint id. */
    private final TreeMap<Long, List<Object[]>> pending = new TreeMap<>();
    /** Restored: the pending checkpoints of each original subtask, with the instance that wrote them. */
    private final List<Restored> restored = new ArrayList<>();
    private long restoredCheckpoint = -1;

    /**
     * One restored list-state entry: the run, table and subtask that wrote it (the run id is null for an entry
     * of the earlier format, whose mark is kept by job name) and its pending rows by checkpoint id.
     */
    private record Restored(String runId, String table, int subtask, TreeMap<Long, List<Object[]>> byCheckpoint) {
        boolean legacy() {
            return runId == null;
        }

        /** The instance that wrote these rows; state is only ever restored into an operator of the same id. */
        SinkInstance instance(String operatorId) {
            return new SinkInstance(runId, table, operatorId, subtask);
        }
    }

    private PostgresSink(Params params, Schema schema) {
        this.url = params.getString("url");
        this.user = params.getString("user");
        this.passwordEnv = params.getString("passwordEnv");
        this.table = params.getString("table");
        this.target = PostgresTable.of(params, schema);
        this.upsert = target.upsert();
        this.createTable = params.getBoolean("createTable");
        this.batchSize = (int) Math.max(1, params.getLong("batchSize"));
        this.exactlyOnce = "EXACTLY_ONCE".equals(params.getEnum("semantic"));
        this.schema = schema;
        this.keyIndex = upsert ? schema.indexOf(target.upsertKey()) : -1;
        this.connectTimeoutMillis = params.getDuration("connectTimeout").toMillis();
    }

    // ---------------------------------------------------------------- state

    @Override
    public void restoreState(StateRestore restore) throws IOException {
        restoredCheckpoint = restore.checkpointId();
        for (byte[] entry : restore.listState()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                int first = in.readInt();
                String runId = null;
                String entryTable = table;
                int origin = first;
                if (first == ENTRY_FORMAT) {
                    runId = in.readUTF();
                    entryTable = in.readUTF();
                    origin = in.readInt();
                } else if (first < 0) {
                    throw new IOException(label + ": a list-state entry of an unknown format (" + first + "); was the snapshot written by"
                            + " a newer version of Checkpoint Studio?");
                }
                int checkpoints = in.readInt();
                TreeMap<Long, List<Object[]>> byCheckpoint = new TreeMap<>();
                for (int c = 0; c < checkpoints; c++) {
                    long id = in.readLong();
                    int rows = in.readInt();
                    List<Object[]> list = new ArrayList<>(rows);
                    for (int r = 0; r < rows; r++) {
                        Object[] row = new Object[schema.size()];
                        for (int f = 0; f < row.length; f++) {
                            row[f] = Values.read(in);
                        }
                        list.add(row);
                    }
                    byCheckpoint.put(id, list);
                }
                restored.add(new Restored(runId, entryTable, origin, byCheckpoint));
            }
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
        if (!exactlyOnce) {
            flushAtLeastOnce();
            return null;
        }
        pending.put(checkpointId, upsert ? compact(List.of(current)) : current);
        current = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ENTRY_FORMAT);
            out.writeUTF(instance.runId());
            out.writeUTF(instance.table());
            out.writeInt(subtask);
            out.writeInt(pending.size());
            for (var e : pending.entrySet()) {
                out.writeLong(e.getKey());
                out.writeInt(e.getValue().size());
                for (Object[] row : e.getValue()) {
                    for (Object v : row) {
                        Values.write(out, v);
                    }
                }
            }
        }
        // One entry per subtask: a rescale never splits one subtask's pending checkpoints over two subtasks.
        return OperatorSnapshot.ofList(List.of(bytes.toByteArray()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        if (!exactlyOnce) {
            return;
        }
        var done = pending.headMap(checkpointId, true);
        if (done.isEmpty()) {
            return;
        }
        if (table.equals(failBeforeCommitOfTable)) {
            failBeforeCommitOfTable = null;
            throw new InjectedFailure("injected failure of " + label + " after checkpoint " + checkpointId + " completed, before its commit");
        }
        commit(Map.of(table, new ArrayList<>(done.values())), Map.of(instance, checkpointId), Map.of());
        done.clear();
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        // The rows stay pending: the next completed checkpoint covers them.
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void open(OperatorContext context) throws Exception {
        subtask = context.subtaskIndex();
        label = TYPE + " '" + context.operatorId() + "' (" + (subtask + 1) + "/" + context.parallelism() + ")";
        jobName = context.jobName() == null ? "" : context.jobName();
        instance = new SinkInstance(context.jobId(), table, context.operatorId(), subtask);
        connection = connect();
        prepareTables();
        insert = connection.prepareStatement(target.insertSql());
        if (!exactlyOnce) {
            connection.setAutoCommit(true);
            return;
        }
        connection.setAutoCommit(false);
        // A fresh start writes under a new run id: there is no mark of it yet, and no other instance's is touched.
        if (restoredCheckpoint >= 0) {
            commitRestored();
        }
    }

    /**
     * Commits the restored entries' rows that their instances' marks do not cover, in one transaction that
     * moves those marks to the restored checkpoint. Rows go to the table their entry names (a job restored
     * with another {@code table} finishes the restored checkpoint where it was started).
     */
    private void commitRestored() throws SQLException {
        Map<String, List<List<Object[]>>> uncommitted = new LinkedHashMap<>();
        Map<SinkInstance, Long> marks = new LinkedHashMap<>();
        Map<Integer, Long> legacyMarks = new LinkedHashMap<>();
        Set<String> ddl = new LinkedHashSet<>();
        for (Restored r : restored) {
            if (r.legacy()) {
                ddl.add(CommitMarks.createLegacyTableSql());
            } else if (createTable && !r.table().equals(table)) {
                ddl.add(new PostgresTable(r.table(), schema, target.upsertKey()).createTableSql());
            }
        }
        PostgresTable.executeDdl(connection, ddl, label);
        for (Restored r : restored) {
            SinkInstance origin = r.instance(instance.operatorId());
            long committed = r.legacy() ? CommitMarks.legacyCommitted(connection, jobName, origin.operatorId(), origin.subtask())
                    : CommitMarks.committed(connection, origin);
            for (var c : r.byCheckpoint().entrySet()) {
                if (c.getKey() > committed && c.getKey() <= restoredCheckpoint) {
                    uncommitted.computeIfAbsent(origin.table(), t -> new ArrayList<>()).add(c.getValue());
                }
            }
            if (r.legacy()) {
                legacyMarks.put(origin.subtask(), restoredCheckpoint);
            } else {
                marks.put(origin, restoredCheckpoint);
            }
        }
        if (!uncommitted.isEmpty()) {
            COMMITS_AT_RESTORE.incrementAndGet();
        }
        commit(uncommitted, marks, legacyMarks);
        restored.clear();
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) throws Exception {
        for (int r = 0; r < batch.size(); r++) {
            current.add(batch.row(r));
        }
        if (!exactlyOnce && current.size() >= batchSize) {
            flushAtLeastOnce();
        }
    }

    @Override
    public void endOfInput(Output out) throws Exception {
        if (!exactlyOnce) {
            flushAtLeastOnce();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (insert != null) {
                insert.close();
            }
        } finally {
            if (connection != null) {
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                } catch (SQLException ignored) {
                    // closing anyway
                }
                connection.close();
            }
        }
    }

    // ---------------------------------------------------------------- writing

    private void flushAtLeastOnce() throws SQLException {
        if (current.isEmpty()) {
            return;
        }
        List<Object[]> rows = upsert ? compact(List.of(current)) : current;
        try {
            writeRows(insert, rows);
        } catch (SQLException e) {
            if (PostgresConnect.isConnectionProblem(e)) {
                throw new SQLException(label + ": lost the connection to PostgreSQL at " + PostgresConnect.hostPort(url) + " while writing into " + table
                        + " (" + e.getMessage() + "); is PostgreSQL running on " + PostgresConnect.hostPort(url) + "?", e.getSQLState(), e);
            }
            throw e;
        }
        current = new ArrayList<>();
    }

    /** Writes the rows of the given checkpoints, by table, and the bookkeeping marks in one transaction. */
    private void commit(Map<String, List<List<Object[]>>> rowsByTable, Map<SinkInstance, Long> marks, Map<Integer, Long> legacyMarks)
            throws SQLException {
        try {
            for (var e : rowsByTable.entrySet()) {
                Collection<Object[]> rows = upsert ? compact(e.getValue()) : concat(e.getValue());
                if (e.getKey().equals(table)) {
                    writeRows(insert, rows);
                } else {
                    try (PreparedStatement other = connection.prepareStatement(new PostgresTable(e.getKey(), schema, target.upsertKey()).insertSql())) {
                        writeRows(other, rows);
                    }
                }
            }
            CommitMarks.mark(connection, marks, jobName);
            CommitMarks.legacyMark(connection, jobName, instance.operatorId(), legacyMarks);
            connection.commit();
        } catch (SQLException e) {
            batched = 0;
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the failure below says what went wrong
            }
            if (PostgresConnect.isConnectionProblem(e)) {
                throw new SQLException(label + ": lost the connection to PostgreSQL at " + PostgresConnect.hostPort(url) + " while writing into " + table
                        + " (" + e.getMessage() + "); is PostgreSQL running on " + PostgresConnect.hostPort(url) + "? The rows stay in the checkpoint"
                        + " and are written after the restart", e.getSQLState(), e);
            }
            throw new SQLException(label + ": writing into " + table + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private void writeRows(PreparedStatement statement, Collection<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                statement.setObject(f + 1, row[f]);
            }
            statement.addBatch();
            if (++batched >= batchSize) {
                statement.executeBatch();
                batched = 0;
            }
        }
        if (batched > 0) {
            statement.executeBatch();
            batched = 0;
        }
    }

    /** UPSERT: the last row of each key, in the order of the checkpoints. */
    private Collection<Object[]> compactAll(List<List<Object[]>> parts) {
        LinkedHashMap<Object, Object[]> byKey = new LinkedHashMap<>();
        for (List<Object[]> part : parts) {
            for (Object[] row : part) {
                byKey.put(row[keyIndex], row);
            }
        }
        return byKey.values();
    }

    private List<Object[]> compact(List<List<Object[]>> parts) {
        return new ArrayList<>(compactAll(parts));
    }

    private static List<Object[]> concat(List<List<Object[]>> parts) {
        List<Object[]> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    // ---------------------------------------------------------------- SQL

    private void prepareTables() throws SQLException {
        Set<String> ddl = new LinkedHashSet<>();
        if (createTable) {
            ddl.add(target.createTableSql());
        }
        if (exactlyOnce) {
            ddl.add(CommitMarks.createTableSql());
        }
        PostgresTable.executeDdl(connection, ddl, label);
    }

    // ---------------------------------------------------------------- connecting

    private Connection connect() throws SQLException, InterruptedException {
        Properties props = PostgresConnect.properties(user, passwordEnv, label);
        // rows are compacted per key before they are written, so a rewritten multi-row upsert never meets a key twice
        props.setProperty("reWriteBatchedInserts", "true");
        return PostgresConnect.open(url, props, connectTimeoutMillis, label);
    }
}
