package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.operator.keyed.NullKeyException;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;

/**
 * Sends each record to the subtask owning its key's key group. Rows are scattered column by column into
 * one pending batch per target (primitive copies, no boxing), and a pending batch is sent when full or
 * when the task flushes (input idle, buffer timeout, before a watermark or barrier). A null key fails the
 * task, naming the key-by ({@link NullKeyException}), as Flink cannot key it either.
 */
final class HashEdgeWriter extends EdgeWriter {
    private final Schema schema;
    private final int keyColumn;
    private final String keyBy;
    private final boolean longKey;
    private final int maxParallelism;
    private final int[] subtaskOfKeyGroup;
    private final int batchSize;
    private final RecordBatch[] pending;
    private final int[] targetOfRow;
    private final int[] counts;
    private final int[] positions;
    private final long[][] longColumns;
    private final double[][] doubleColumns;
    private final boolean[][] booleanColumns;
    private final String[][] stringColumns;

    HashEdgeWriter(ChannelTarget[] targets, Schema schema, int keyColumn, String keyBy, int maxParallelism, int batchSize, TaskMetrics metrics) {
        super(targets, metrics);
        this.schema = schema;
        this.keyColumn = keyColumn;
        this.keyBy = keyBy;
        this.longKey = schema.type(keyColumn) == FieldType.LONG;
        this.maxParallelism = maxParallelism;
        this.subtaskOfKeyGroup = KeyGroups.subtaskTable(maxParallelism, targets.length);
        this.batchSize = batchSize;
        this.pending = new RecordBatch[targets.length];
        this.targetOfRow = new int[batchSize];
        this.counts = new int[targets.length];
        this.positions = new int[targets.length];
        this.longColumns = new long[targets.length][];
        this.doubleColumns = new double[targets.length][];
        this.booleanColumns = new boolean[targets.length][];
        this.stringColumns = new String[targets.length][];
        for (int t = 0; t < targets.length; t++) {
            pending[t] = RecordBatch.allocate(schema, batchSize);
        }
    }

    @Override
    void emit(RecordBatch batch) {
        int size = batch.size();
        for (int from = 0; from < size; from += batchSize) {
            scatter(batch, from, Math.min(size, from + batchSize));
        }
    }

    private void scatter(RecordBatch batch, int from, int to) {
        int n = to - from;
        int targetCount = targets.length;
        java.util.Arrays.fill(counts, 0);
        if (longKey) {
            long[] keys = batch.longs(keyColumn);
            for (int i = 0; i < n; i++) {
                int t = subtaskOfKeyGroup[KeyGroups.keyGroupOf(keys[from + i], maxParallelism)];
                targetOfRow[i] = t;
                counts[t]++;
            }
        } else {
            // key-by accepts long and string keys only (validation checks it)
            String[] keys = batch.strings(keyColumn);
            for (int i = 0; i < n; i++) {
                String key = keys[from + i];
                if (key == null) {
                    throw new NullKeyException(keyBy, schema.field(keyColumn).name());
                }
                int t = subtaskOfKeyGroup[KeyGroups.keyGroupOf(key, maxParallelism)];
                targetOfRow[i] = t;
                counts[t]++;
            }
        }
        for (int t = 0; t < targetCount; t++) {
            if (pending[t].size() + counts[t] > batchSize) {
                send(t);
            }
        }
        for (int c = 0; c < schema.size(); c++) {
            for (int t = 0; t < targetCount; t++) {
                positions[t] = pending[t].size();
            }
            Object src = batch.column(c);
            switch (schema.type(c)) {
                case LONG -> {
                    for (int t = 0; t < targetCount; t++) {
                        longColumns[t] = pending[t].longs(c);
                    }
                    long[] s = (long[]) src;
                    for (int i = 0; i < n; i++) {
                        int t = targetOfRow[i];
                        longColumns[t][positions[t]++] = s[from + i];
                    }
                }
                case DOUBLE -> {
                    for (int t = 0; t < targetCount; t++) {
                        doubleColumns[t] = pending[t].doubles(c);
                    }
                    double[] s = (double[]) src;
                    for (int i = 0; i < n; i++) {
                        int t = targetOfRow[i];
                        doubleColumns[t][positions[t]++] = s[from + i];
                    }
                }
                case BOOLEAN -> {
                    for (int t = 0; t < targetCount; t++) {
                        booleanColumns[t] = pending[t].booleans(c);
                    }
                    boolean[] s = (boolean[]) src;
                    for (int i = 0; i < n; i++) {
                        int t = targetOfRow[i];
                        booleanColumns[t][positions[t]++] = s[from + i];
                    }
                }
                case STRING -> {
                    for (int t = 0; t < targetCount; t++) {
                        stringColumns[t] = pending[t].strings(c);
                    }
                    String[] s = (String[]) src;
                    for (int i = 0; i < n; i++) {
                        int t = targetOfRow[i];
                        stringColumns[t][positions[t]++] = s[from + i];
                    }
                }
            }
        }
        for (int t = 0; t < targetCount; t++) {
            pending[t].setSize(pending[t].size() + counts[t]);
            if (pending[t].size() == batchSize) {
                send(t);
            }
        }
    }

    private void send(int t) {
        RecordBatch full = pending[t];
        if (full.size() == 0) {
            return;
        }
        pending[t] = RecordBatch.allocate(schema, batchSize);
        targets[t].put(full, metrics);
    }

    @Override
    void flushOvertaking() {
        for (int t = 0; t < targets.length; t++) {
            RecordBatch full = pending[t];
            if (full.size() > 0) {
                pending[t] = RecordBatch.allocate(schema, batchSize);
                targets[t].putOvertaking(full);
            }
        }
    }

    @Override
    void flush() {
        for (int t = 0; t < targets.length; t++) {
            send(t);
        }
    }
}
