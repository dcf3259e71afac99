package io.checkpointstudio.engine.operator.keyed;

import io.checkpointstudio.engine.expression.Reducer;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedLongStore;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.Values;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one running aggregate per key and emits {@code (key, aggregate)} for every record. Long keys with
 * long or double values live in a {@link KeyedLongStore} (no boxing; the hot path of the benchmark) on the
 * job's state backend: the heap or RocksDB. Other combinations use a general map on the heap, whatever the
 * backend.
 */
final class RunningAggregateOperator implements StreamOperator {
    private final Aggregation aggregation;
    private final Reducer reducer;
    private final Schema output;
    private final int keyColumn;
    private final int valueColumn;
    private final FieldType keyType;
    private final FieldType valueType;
    private final boolean primitive;
    private final KeyedBackendSpec backend;
    private KeyedLongStore longState;
    private Map<Object, Object> objectState;
    private int maxParallelism;

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
        this.backend = setup.stateBackend();
    }

    private void createState(StateRestore restore, int maxP) throws java.io.IOException {
        if (longState == null && objectState == null) {
            if (primitive) {
                KeyedBackendSpec spec = backend != null ? backend : KeyedBackendSpec.heap(0, maxP - 1, maxP);
                longState = KeyedLongStore.create(spec, restore);
            } else {
                objectState = new HashMap<>();
            }
        }
    }

    @Override
    public void restoreState(StateRestore restore) throws Exception {
        if (primitive) {
            createState(restore, backend == null ? 128 : backend.maxParallelism());
            return;
        }
        createState(null, 0);
        restore.readKeyGroups((keyGroup, in) -> {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                objectState.put(Values.read(in), Values.read(in));
            }
        });
    }

    @Override
    public void open(OperatorContext context) throws Exception {
        maxParallelism = context.maxParallelism();
        createState(null, maxParallelism);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (longState != null) {
            longState.notifyCheckpointComplete(checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        if (longState != null) {
            longState.notifyCheckpointAborted(checkpointId);
        }
    }

    @Override
    public void close() {
        if (longState != null) {
            longState.close();
            longState = null;
        }
    }

    /** Captures a copy of the state (the synchronous part) and writes it by key group later. */
    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
        return snapshotState(checkpointId, false);
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId, boolean savepoint) throws Exception {
        int maxP = maxParallelism;
        if (primitive) {
            return longState.snapshot(checkpointId, savepoint);
        }
        List<Map.Entry<Object, Object>> copy = new ArrayList<>(objectState.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        return OperatorSnapshot.ofKeyed(out -> {
            Map<Integer, List<Map.Entry<Object, Object>>> byGroup = new java.util.TreeMap<>();
            for (Map.Entry<Object, Object> e : copy) {
                byGroup.computeIfAbsent(KeyGroups.keyGroupOf(e.getKey(), maxP), g -> new ArrayList<>()).add(e);
            }
            for (Map.Entry<Integer, List<Map.Entry<Object, Object>>> g : byGroup.entrySet()) {
                DataOutputStream section = out.beginKeyGroup(g.getKey());
                section.writeInt(g.getValue().size());
                for (Map.Entry<Object, Object> e : g.getValue()) {
                    Values.write(section, e.getKey());
                    Values.write(section, e.getValue());
                }
            }
        });
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
            Object acc = objectState.get(key);
            Object next = acc == null ? (aggregation == Aggregation.COUNT ? (Object) 1L : value) : combine(acc, value);
            objectState.put(key, next);
            result.setValue(i, 0, key);
            result.setValue(i, 1, next);
        }
        result.setSize(n);
        out.emit(result);
    }

    /** Replaces each value with the key's aggregate after it; for COUNT the array is filled with counts. */
    private void updateLongs(long[] keys, long[] values, int n) {
        KeyedLongStore state = longState;
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
                    if (state.containsKey(key)) {
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
        KeyedLongStore state = longState;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            double v = values[i];
            if (state.containsKey(key)) {
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
