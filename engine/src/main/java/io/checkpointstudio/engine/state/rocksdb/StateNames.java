package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.ByteWriter;
import java.util.Map;
import java.util.TreeMap;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * Which state id stands for which state in one RocksDB instance: entries {@code META_GROUP, id -> (name,
 * signature)}, kept in the database itself so native (incremental) snapshots carry them along.
 */
record StateNames(Map<Integer, Name> byId) {

    record Name(String name, String signature) {
    }

    static StateNames read(RocksDB db) {
        Map<Integer, Name> byId = new TreeMap<>();
        byte[] meta = RocksKeys.groupPrefix(RocksKeys.META_GROUP);
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            for (it.seek(meta); it.isValid() && RocksKeys.startsWith(it.key(), meta, 2); it.next()) {
                ByteReader in = new ByteReader(it.value());
                byId.put(RocksKeys.stateId(it.key()), new Name(in.readString(), in.readString()));
            }
        }
        return new StateNames(byId);
    }

    static byte[] key(int id) {
        byte[] k = new byte[RocksKeys.PREFIX_BYTES];
        RocksKeys.prefix(RocksKeys.META_GROUP, id, k);
        return k;
    }

    static byte[] value(String name, String signature) {
        ByteWriter w = new ByteWriter(64);
        w.writeString(name);
        w.writeString(signature);
        return w.toByteArray();
    }

    StateNames copy() {
        return new StateNames(new TreeMap<>(byId));
    }
}
