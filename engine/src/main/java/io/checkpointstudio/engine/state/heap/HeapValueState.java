package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.ValueState;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

final class HeapValueState<K, V> extends HeapTableState implements ValueState<K, V> {
    HeapValueState(HeapKeyedStateBackend backend, StateDescriptor descriptor) {
        super(backend, descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        return (V) table.get(key);
    }

    @Override
    public void put(K key, V value) {
        if (value == null) {
            clear(key);
        } else {
            table.writable(key).put(key, value);
        }
    }

    @Override
    public void clear(K key) {
        table.remove(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> visitor) {
        for (HashMap<Object, Object> m : table.live()) {
            if (m != null) {
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                    visitor.accept((K) e.getKey(), (V) e.getValue());
                }
            }
        }
    }
}
