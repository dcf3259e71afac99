package io.checkpointstudio.engine.record;

import java.util.Arrays;

/**
 * A batch of records stored column by column in primitive arrays: {@code long[]}, {@code double[]},
 * {@code boolean[]} or {@code String[]} according to the field's type. Batches are what travel between
 * operators and threads; the hot path never boxes a value or allocates per record.
 *
 * <p>Ownership: a batch belongs to exactly one operator at a time. An operator that receives a batch may
 * change it in place (a filter compacts it) or pass it on; once passed on it must not touch it again.
 */
public final class RecordBatch {
    private final Schema schema;
    private final Object[] columns;
    private final int capacity;
    private int size;

    private RecordBatch(Schema schema, Object[] columns, int size) {
        this.schema = schema;
        this.columns = columns;
        this.size = size;
        this.capacity = columns.length == 0 ? Integer.MAX_VALUE : java.lang.reflect.Array.getLength(columns[0]);
    }

    /** An empty batch able to hold {@code capacity} records. */
    public static RecordBatch allocate(Schema schema, int capacity) {
        Object[] columns = new Object[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = newColumn(schema.type(i), capacity);
        }
        return new RecordBatch(schema, columns, 0);
    }

    /** A batch over existing column arrays (no copy); used to pass columns through unchanged. */
    public static RecordBatch wrap(Schema schema, Object[] columns, int size) {
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " fields, got " + columns.length + " columns");
        }
        return new RecordBatch(schema, columns, size);
    }

    public static Object newColumn(FieldType type, int capacity) {
        return switch (type) {
            case LONG -> new long[capacity];
            case DOUBLE -> new double[capacity];
            case BOOLEAN -> new boolean[capacity];
            case STRING -> new String[capacity];
        };
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isFull() {
        return size >= capacity();
    }

    public Object column(int index) {
        return columns[index];
    }

    public Object[] columns() {
        return columns;
    }

    public long[] longs(int column) {
        return (long[]) columns[column];
    }

    public double[] doubles(int column) {
        return (double[]) columns[column];
    }

    public boolean[] booleans(int column) {
        return (boolean[]) columns[column];
    }

    public String[] strings(int column) {
        return (String[]) columns[column];
    }

    /** The value at (row, column), boxed; for tests, previews and sinks that format text, not for hot loops. */
    public Object value(int row, int column) {
        Object c = columns[column];
        if (c instanceof long[] l) {
            return l[row];
        } else if (c instanceof double[] d) {
            return d[row];
        } else if (c instanceof boolean[] b) {
            return b[row];
        } else {
            return ((String[]) c)[row];
        }
    }

    /** Sets the value at (row, column) from a boxed value; for formats and tests, not for hot loops. */
    public void setValue(int row, int column, Object value) {
        Object c = columns[column];
        if (c instanceof long[] l) {
            l[row] = ((Number) value).longValue();
        } else if (c instanceof double[] d) {
            d[row] = ((Number) value).doubleValue();
        } else if (c instanceof boolean[] b) {
            b[row] = (Boolean) value;
        } else {
            ((String[]) c)[row] = (String) value;
        }
    }

    /** Appends row {@code row} of {@code from} (same schema) to this batch. */
    public void appendRow(RecordBatch from, int row) {
        int to = size++;
        for (int c = 0; c < columns.length; c++) {
            Object dst = columns[c];
            Object src = from.columns[c];
            if (dst instanceof long[] l) {
                l[to] = ((long[]) src)[row];
            } else if (dst instanceof double[] d) {
                d[to] = ((double[]) src)[row];
            } else if (dst instanceof boolean[] b) {
                b[to] = ((boolean[]) src)[row];
            } else {
                ((String[]) dst)[to] = ((String[]) src)[row];
            }
        }
    }

    /** A deep copy of the first {@code size} records, sized to fit them. */
    public RecordBatch copy() {
        Object[] copy = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            Object src = columns[c];
            if (src instanceof long[] l) {
                copy[c] = Arrays.copyOf(l, Math.max(size, 1));
            } else if (src instanceof double[] d) {
                copy[c] = Arrays.copyOf(d, Math.max(size, 1));
            } else if (src instanceof boolean[] b) {
                copy[c] = Arrays.copyOf(b, Math.max(size, 1));
            } else {
                copy[c] = Arrays.copyOf((String[]) src, Math.max(size, 1));
            }
        }
        return new RecordBatch(schema, copy, size);
    }

    /** Row {@code row} as an array of boxed values; for tests and previews. */
    public Object[] row(int row) {
        Object[] values = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            values[c] = value(row, c);
        }
        return values;
    }

    @Override
    public String toString() {
        return "RecordBatch" + schema + "[" + size + " records]";
    }
}
