package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.ReducingState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.HashMap;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

final class HeapReducingState<K, V> extends HeapTableState implements ReducingState<K, V> {
    private final BinaryOperator<V> reduce;

    HeapReducingState(HeapKeyedStateBackend backend, StateDescriptor descriptor, BinaryOperator<V> reduce) {
        super(backend, descriptor);
        this.reduce = reduce;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        return (V) table.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V add(K key, V value) {
        HashMap<Object, Object> m = table.writable(key);
        V acc = (V) m.get(key);
        V next = acc == null ? value : reduce.apply(acc, value);
        m.put(key, next);
        return next;
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
                m.forEach((k, v) -> visitor.accept((K) k, (V) v));
            }
        }
    }
}
