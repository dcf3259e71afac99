package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.ByteWriter;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.StateSerializer;
import java.util.Arrays;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** What the general RocksDB states share: encoding a key behind its prefix, and raw reads, writes and scans. */
abstract class RocksTableState {
    protected final RocksKeyedStateBackend backend;
    protected final StateDescriptor descriptor;
    protected final StateSerializer<Object> key;
    protected final StateSerializer<Object> userKey;
    protected final StateSerializer<Object> value;
    private final int stateId;
    private final int maxParallelism;
    /** The key being read or written: prefix and serialized key (and user key). */
    protected final ByteWriter keyOut = new ByteWriter(64);
    protected final ByteWriter valueOut = new ByteWriter(64);

    @SuppressWarnings("unchecked")
    RocksTableState(RocksKeyedStateBackend backend, StateDescriptor descriptor, int stateId) {
        this.backend = backend;
        this.descriptor = descriptor;
        this.key = (StateSerializer<Object>) descriptor.key();
        this.userKey = (StateSerializer<Object>) descriptor.userKey();
        this.value = (StateSerializer<Object>) descriptor.value();
        this.stateId = stateId;
        this.maxParallelism = backend.spec().maxParallelism();
    }

    /** Puts prefix and key into {@link #keyOut}. */
    protected void encodeKey(Object k) {
        keyOut.reset();
        keyOut.writeShort(KeyGroups.keyGroupOf(k == null ? "" : k, maxParallelism));
        keyOut.writeByte(stateId);
        key.write(k, keyOut);
    }

    protected byte[] getRaw() {
        try {
            return backend.db().get(backend.readOptions(), keyOut.buffer(), 0, keyOut.size());
        } catch (RocksDBException e) {
            throw backend.failure("read", e);
        }
    }

    /** Writes {@link #valueOut} under {@link #keyOut}. */
    protected void putRaw() {
        try {
            backend.db().put(backend.writeOptions(), keyOut.buffer(), 0, keyOut.size(), valueOut.buffer(), 0, valueOut.size());
        } catch (RocksDBException e) {
            throw backend.failure("write", e);
        }
    }

    protected void deleteRaw() {
        try {
            backend.db().delete(backend.writeOptions(), keyOut.buffer(), 0, keyOut.size());
        } catch (RocksDBException e) {
            throw backend.failure("delete", e);
        }
    }

    /** Every entry whose key starts with {@code prefix}. */
    protected void scan(byte[] prefix, RawVisitor visitor) {
        try (RocksIterator it = backend.db().newIterator(backend.readOptions())) {
            for (it.seek(prefix); it.isValid() && RocksKeys.startsWith(it.key(), prefix, prefix.length); it.next()) {
                byte[] k = it.key();
                visitor.accept(new ByteReader(k, RocksKeys.PREFIX_BYTES, k.length - RocksKeys.PREFIX_BYTES), it.value());
            }
        }
    }

    /** Every entry of this state in the subtask's key groups. */
    protected void scanAll(RawVisitor visitor) {
        byte[] prefix = new byte[RocksKeys.PREFIX_BYTES];
        for (int g = backend.spec().firstKeyGroup(); g <= backend.spec().lastKeyGroup(); g++) {
            RocksKeys.prefix(g, stateId, prefix);
            scan(prefix, visitor);
        }
    }

    /** The current {@link #keyOut} as an array, for a prefix scan. */
    protected byte[] keyPrefix() {
        return Arrays.copyOf(keyOut.buffer(), keyOut.size());
    }

    @FunctionalInterface
    protected interface RawVisitor {
        /** {@code key} reads the serialized key (and user key) that follows the prefix. */
        void accept(ByteReader key, byte[] value);
    }
}
