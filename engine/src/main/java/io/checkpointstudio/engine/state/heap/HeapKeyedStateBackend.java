package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.state.FieldSerializer;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedStateBackend;
import io.checkpointstudio.engine.state.ListState;
import io.checkpointstudio.engine.state.LongValueState;
import io.checkpointstudio.engine.state.MapState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.ReducingState;
import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.StateKind;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.StateSerializer;
import io.checkpointstudio.engine.state.ValueState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Keyed state on the heap. A snapshot captures every state (the arrays of per-key-group maps, or a table
 * copy for long state) and bumps a version; later writes copy a key group's map (and a key's list or map)
 * before changing it, so the snapshot thread reads a frozen state while processing goes on. Snapshots are
 * always full and canonical.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
    private final int firstKeyGroup;
    private final int lastKeyGroup;
    private final int maxParallelism;
    private final Map<String, HeapState> states = new LinkedHashMap<>();
    private final Map<String, List<StateBlock>> restored = new HashMap<>();
    private int version;

    public HeapKeyedStateBackend(KeyedBackendSpec spec, StateRestore restore) throws IOException {
        this.firstKeyGroup = spec.firstKeyGroup();
        this.lastKeyGroup = spec.lastKeyGroup();
        this.maxParallelism = spec.maxParallelism();
        if (restore != null) {
            restore.readKeyGroups((keyGroup, in) -> {
                for (StateBlock b : StateBlock.readSection(in)) {
                    restored.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(b);
                }
            });
        }
    }

    int firstKeyGroup() {
        return firstKeyGroup;
    }

    int lastKeyGroup() {
        return lastKeyGroup;
    }

    int maxParallelism() {
        return maxParallelism;
    }

    int version() {
        return version;
    }

    private <S extends HeapState> S register(S state) {
        StateDescriptor d = state.descriptor();
        if (states.containsKey(d.name())) {
            throw new IllegalStateException("keyed state '" + d.name() + "' is registered twice");
        }
        List<StateBlock> blocks = restored.remove(d.name());
        if (blocks != null) {
            for (StateBlock b : blocks) {
                if (!b.signature().equals(d.signature())) {
                    throw new IllegalStateException("keyed state '" + d.name() + "' was " + b.signature()
                            + " in the snapshot but is now " + d.signature() + "; it cannot be restored");
                }
                state.restore(b);
            }
        }
        states.put(d.name(), state);
        return state;
    }

    @Override
    public <K, V> ValueState<K, V> valueState(String name, StateSerializer<K> key, StateSerializer<V> value) {
        return register(new HeapValueState<>(this, new StateDescriptor(name, StateKind.VALUE, key, null, value)));
    }

    @Override
    public <K, V> ReducingState<K, V> reducingState(String name, StateSerializer<K> key, StateSerializer<V> value, BinaryOperator<V> reduce) {
        return register(new HeapReducingState<>(this, new StateDescriptor(name, StateKind.REDUCING, key, null, value), reduce));
    }

    @Override
    public <K, V> ListState<K, V> listState(String name, StateSerializer<K> key, StateSerializer<V> value) {
        return register(new HeapListState<>(this, new StateDescriptor(name, StateKind.LIST, key, null, value)));
    }

    @Override
    public <K, UK, UV> MapState<K, UK, UV> mapState(String name, StateSerializer<K> key, StateSerializer<UK> userKey, StateSerializer<UV> value) {
        return register(new HeapMapState<>(this, new StateDescriptor(name, StateKind.MAP, key, userKey, value)));
    }

    @Override
    public LongValueState longValueState(String name, FieldType valueType) {
        return register(new HeapLongState(this, new StateDescriptor(name, StateKind.VALUE, FieldSerializer.LONG, null, FieldSerializer.of(valueType))));
    }

    @Override
    public OperatorSnapshot snapshot(long checkpointId, boolean savepoint) {
        List<HeapState.Capture> captures = new ArrayList<>(states.size());
        for (HeapState s : states.values()) {
            captures.add(s.capture());
        }
        version++;
        int first = firstKeyGroup;
        int last = lastKeyGroup;
        return OperatorSnapshot.ofKeyed(out -> {
            List<StateBlock> blocks = new ArrayList<>(captures.size());
            for (int g = first; g <= last; g++) {
                blocks.clear();
                for (HeapState.Capture c : captures) {
                    StateBlock b = c.block(g);
                    if (b != null) {
                        blocks.add(b);
                    }
                }
                if (!blocks.isEmpty()) {
                    StateBlock.writeSection(out.beginKeyGroup(g), blocks);
                }
            }
        });
    }

    @Override
    public void close() {
        states.clear();
    }
}
