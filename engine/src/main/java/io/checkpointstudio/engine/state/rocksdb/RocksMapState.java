package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.MapState;
import io.checkpointstudio.engine.state.StateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every (key, user key) is one RocksDB entry; a key's entries share the prefix of the serialized key. */
final class RocksMapState<K, UK, UV> extends RocksTableState implements MapState<K, UK, UV> {
    RocksMapState(RocksKeyedStateBackend backend, StateDescriptor descriptor, int stateId) {
        super(backend, descriptor, stateId);
    }

    private void encode(K k, UK uk) {
        encodeKey(k);
        userKey.write(uk, keyOut);
    }

    @Override
    @SuppressWarnings("unchecked")
    public UV get(K k, UK uk) {
        encode(k, uk);
        byte[] v = getRaw();
        return v == null ? null : (UV) value.read(new ByteReader(v));
    }

    @Override
    public void put(K k, UK uk, UV v) {
        encode(k, uk);
        valueOut.reset();
        value.write(v, valueOut);
        putRaw();
    }

    @Override
    public void remove(K k, UK uk) {
        encode(k, uk);
        deleteRaw();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<UK, UV> entries(K k) {
        encodeKey(k);
        Map<UK, UV> entries = new HashMap<>();
        scan(keyPrefix(), (in, v) -> {
            key.skip(in);
            entries.put((UK) userKey.read(in), (UV) value.read(new ByteReader(v)));
        });
        return entries;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void clear(K k) {
        encodeKey(k);
        List<UK> userKeys = new ArrayList<>();
        scan(keyPrefix(), (in, v) -> {
            key.skip(in);
            userKeys.add((UK) userKey.read(in));
        });
        for (UK uk : userKeys) {
            remove(k, uk);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<K, UK, UV> visitor) {
        scanAll((in, v) -> visitor.accept((K) key.read(in), (UK) userKey.read(in), (UV) value.read(new ByteReader(v))));
    }
}
