package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.ValueState;
import java.util.function.BiConsumer;

final class RocksValueState<K, V> extends RocksTableState implements ValueState<K, V> {
    RocksValueState(RocksKeyedStateBackend backend, StateDescriptor descriptor, int stateId) {
        super(backend, descriptor, stateId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K k) {
        encodeKey(k);
        byte[] v = getRaw();
        return v == null ? null : (V) value.read(new ByteReader(v));
    }

    @Override
    public void put(K k, V v) {
        if (v == null) {
            clear(k);
            return;
        }
        encodeKey(k);
        valueOut.reset();
        value.write(v, valueOut);
        putRaw();
    }

    @Override
    public void clear(K k) {
        encodeKey(k);
        deleteRaw();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> visitor) {
        scanAll((k, v) -> visitor.accept((K) key.read(k), (V) value.read(new ByteReader(v))));
    }
}
