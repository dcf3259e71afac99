package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.ReducingState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

final class RocksReducingState<K, V> extends RocksTableState implements ReducingState<K, V> {
    private final BinaryOperator<V> reduce;

    RocksReducingState(RocksKeyedStateBackend backend, StateDescriptor descriptor, int stateId, BinaryOperator<V> reduce) {
        super(backend, descriptor, stateId);
        this.reduce = reduce;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K k) {
        encodeKey(k);
        byte[] v = getRaw();
        return v == null ? null : (V) value.read(new ByteReader(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V add(K k, V v) {
        encodeKey(k);
        byte[] old = getRaw();
        V next = old == null ? v : reduce.apply((V) value.read(new ByteReader(old)), v);
        valueOut.reset();
        value.write(next, valueOut);
        putRaw();
        return next;
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
