package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.ListState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A key's list is one RocksDB value: {@code int n} and the n values; adding reads, appends and writes it back. */
final class RocksListState<K, V> extends RocksTableState implements ListState<K, V> {
    RocksListState(RocksKeyedStateBackend backend, StateDescriptor descriptor, int stateId) {
        super(backend, descriptor, stateId);
    }

    @SuppressWarnings("unchecked")
    private List<V> decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int n = in.readInt();
        List<V> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add((V) value.read(in));
        }
        return list;
    }

    @Override
    public List<V> get(K k) {
        encodeKey(k);
        byte[] v = getRaw();
        return v == null ? List.of() : List.copyOf(decode(v));
    }

    @Override
    public void add(K k, V v) {
        encodeKey(k);
        byte[] old = getRaw();
        valueOut.reset();
        if (old == null) {
            valueOut.writeInt(1);
        } else {
            ByteReader in = new ByteReader(old);
            valueOut.writeInt(in.readInt() + 1);
            valueOut.write(old, 4, old.length - 4);
        }
        value.write(v, valueOut);
        putRaw();
    }

    @Override
    public void update(K k, List<V> values) {
        if (values.isEmpty()) {
            clear(k);
            return;
        }
        encodeKey(k);
        valueOut.reset();
        valueOut.writeInt(values.size());
        for (V v : values) {
            value.write(v, valueOut);
        }
        putRaw();
    }

    @Override
    public void clear(K k) {
        encodeKey(k);
        deleteRaw();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, List<V>> visitor) {
        scanAll((k, v) -> visitor.accept((K) key.read(k), decode(v)));
    }
}
