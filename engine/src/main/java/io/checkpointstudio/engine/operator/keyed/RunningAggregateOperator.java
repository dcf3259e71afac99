package io.checkpointstudio.engine.operator.keyed;

import io.checkpointstudio.engine.expression.Reducer;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedStateBackend;
import io.checkpointstudio.engine.state.LongValueState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.ReducingState;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.StateSerializer;

/**
 * Keeps one running aggregate per key and emits {@code (key, aggregate)} for every record, in a state of
 * the job's keyed state backend (heap or RocksDB). Long keys with long or double values use the backend's
 * {@link LongValueState} (no boxing; the hot path of the benchmark); other combinations a
 * {@link ReducingState} over the key and value types.
 */
final class RunningAggregateOperator implements StreamOperator {
    static final String STATE = "acc";

    private final Aggregation aggregation;
    private final Reducer reducer;
    private final Schema output;
    private final int keyColumn;
    private final int valueColumn;
    private final FieldType keyType;
    private final FieldType valueType;
    private final boolean primitive;
    private final KeyedBackendSpec backendSpec;
    private StateRestore restore;
    private KeyedStateBackend backend;
    private LongValueState longState;
    private ReducingState<Object, Object> objectState;

    RunningAggregateOperator(OperatorSetup setup, Aggregation aggregation, Reducer reducer) {
        this.aggregation = aggregation;
        this.reducer = reducer;
        this.output = setup.outputSchema();
        Schema input = setup.inputSchema();
        this.keyColumn = input.indexOf(setup.keyField());
        this.keyType = input.type(keyColumn);
        this.valueColumn = aggregation == Aggregation.COUNT ? -1 : input.indexOf(setup.params().getString("field"));
        this.valueType = aggregation == Aggregation.COUNT ? FieldType.LONG : input.type(valueColumn);
        this.primitive = keyType == FieldType.LONG && (valueType == FieldType.LONG || valueType == FieldType.DOUBLE);
        this.backendSpec = setup.stateBackend();
    }

    @Override
    public void restoreState(StateRestore restore) {
        this.restore = restore;
    }

    @Override
    public void open(OperatorContext context) throws Exception {
        KeyedBackendSpec spec = backendSpec != null ? backendSpec
                : KeyedBackendSpec.heap(context.firstKeyGroup(), context.lastKeyGroup(), context.maxParallelism());
        backend = KeyedStateBackend.create(spec, restore);
        restore = null;
        if (primitive) {
            longState = backend.longValueState(STATE, valueType);
        } else {
            objectState = backend.reducingState(STATE, StateSerializer.of(keyType), StateSerializer.of(valueType), this::combine);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (backend != null) {
            backend.notifyCheckpointComplete(checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        if (backend != null) {
            backend.notifyCheckpointAborted(checkpointId);
        }
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
        return snapshotState(checkpointId, false);
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId, boolean savepoint) throws Exception {
        return backend.snapshot(checkpointId, savepoint);
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        int n = batch.size();
        Object values;
        if (primitive) {
            long[] keys = batch.longs(keyColumn);
            if (valueType == FieldType.LONG) {
                long[] result = valueColumn < 0 ? new long[n] : batch.longs(valueColumn);
                updateLongs(keys, result, n);
                values = result;
            } else {
                double[] result = batch.doubles(valueColumn);
                updateDoubles(keys, result, n);
                values = result;
            }
            out.emit(RecordBatch.wrap(output, new Object[] {keys, values}, n));
            return;
        }
        RecordBatch result = RecordBatch.allocate(output, n);
        for (int i = 0; i < n; i++) {
            Object key = batch.value(i, keyColumn);
            Object value = valueColumn < 0 ? 1L : batch.value(i, valueColumn);
            Object next = objectState.add(key, value);
            result.setValue(i, 0, key);
            result.setValue(i, 1, next);
        }
        result.setSize(n);
        out.emit(result);
    }

    /** Replaces each value with the key's aggregate after it; for COUNT the array is filled with counts. */
    private void updateLongs(long[] keys, long[] values, int n) {
        LongValueState state = longState;
        switch (aggregation) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    values[i] = state.addTo(keys[i], values[i]);
                }
            }
            case COUNT -> {
                for (int i = 0; i < n; i++) {
                    values[i] = state.addTo(keys[i], 1);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    long key = keys[i];
                    long v = values[i];
                    if (state.contains(key)) {
                        long acc = state.get(key, 0);
                        v = aggregation == Aggregation.REDUCE ? reducer.reduceLong(acc, v) : aggregation.combine(acc, v);
                    }
                    state.put(key, v);
                    values[i] = v;
                }
            }
        }
    }

    private void updateDoubles(long[] keys, double[] values, int n) {
        LongValueState state = longState;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            double v = values[i];
            if (state.contains(key)) {
                double acc = Double.longBitsToDouble(state.get(key, 0));
                v = aggregation == Aggregation.REDUCE ? reducer.reduceDouble(acc, v) : aggregation.combine(acc, v);
            }
            state.put(key, Double.doubleToRawLongBits(v));
            values[i] = v;
        }
    }

    private Object combine(Object acc, Object value) {
        if (aggregation == Aggregation.COUNT) {
            return (Long) acc + 1;
        }
        return switch (valueType) {
            case LONG -> aggregation == Aggregation.REDUCE ? reducer.reduceLong((Long) acc, (Long) value) : aggregation.combine((long) (Long) acc, (long) (Long) value);
            case DOUBLE -> aggregation == Aggregation.REDUCE ? reducer.reduceDouble((Double) acc, (Double) value) : aggregation.combine((double) (Double) acc, (double) (Double) value);
            case BOOLEAN -> reducer.reduceBoolean((Boolean) acc, (Boolean) value);
            case STRING -> reducer.reduceString((String) acc, (String) value);
        };
    }
}
