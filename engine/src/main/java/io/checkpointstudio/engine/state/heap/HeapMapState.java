package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.MapState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.HashMap;
import java.util.Map;

final class HeapMapState<K, UK, UV> extends HeapTableState implements MapState<K, UK, UV> {
    HeapMapState(HeapKeyedStateBackend backend, StateDescriptor descriptor) {
        super(backend, descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public UV get(K key, UK userKey) {
        Box box = (Box) table.get(key);
        return box == null ? null : (UV) box.map.get(userKey);
    }

    @Override
    public void put(K key, UK userKey, UV value) {
        table.writableBox(key, false).map.put(userKey, value);
    }

    @Override
    public void remove(K key, UK userKey) {
        if (table.get(key) == null) {
            return;
        }
        Box box = table.writableBox(key, false);
        box.map.remove(userKey);
        if (box.isEmpty()) {
            table.remove(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<UK, UV> entries(K key) {
        Box box = (Box) table.get(key);
        return box == null ? Map.of() : new HashMap<>((Map<UK, UV>) box.map);
    }

    @Override
    public void clear(K key) {
        table.remove(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<K, UK, UV> visitor) {
        for (HashMap<Object, Object> m : table.live()) {
            if (m != null) {
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                    for (Map.Entry<Object, Object> u : ((Box) e.getValue()).map.entrySet()) {
                        visitor.accept((K) e.getKey(), (UK) u.getKey(), (UV) u.getValue());
                    }
                }
            }
        }
    }
}
