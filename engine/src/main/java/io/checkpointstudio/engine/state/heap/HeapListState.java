package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.ListState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.function.BiConsumer;

final class HeapListState<K, V> extends HeapTableState implements ListState<K, V> {
    HeapListState(HeapKeyedStateBackend backend, StateDescriptor descriptor) {
        super(backend, descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<V> get(K key) {
        Box box = (Box) table.get(key);
        return box == null ? List.of() : (List<V>) Collections.unmodifiableList(box.list);
    }

    @Override
    public void add(K key, V value) {
        table.writableBox(key, true).list.add(value);
    }

    @Override
    public void update(K key, List<V> values) {
        if (values.isEmpty()) {
            clear(key);
            return;
        }
        Box box = table.writableBox(key, true);
        box.list.clear();
        box.list.addAll(values);
    }

    @Override
    public void clear(K key) {
        table.remove(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, List<V>> visitor) {
        for (HashMap<Object, Object> m : table.live()) {
            if (m != null) {
                m.forEach((k, box) -> visitor.accept((K) k, (List<V>) Collections.unmodifiableList(((Box) box).list)));
            }
        }
    }
}
