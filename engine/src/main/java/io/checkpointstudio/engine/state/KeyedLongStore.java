package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.state.rocksdb.RocksLongStore;
import java.io.IOException;

/**
 * Keyed state from long keys to long values (doubles as their raw bits) of one operator subtask, on the
 * heap or in RocksDB. Always used from the subtask's thread; snapshots are captured there and written
 * asynchronously by what {@link #snapshot} returns.
 */
public interface KeyedLongStore extends AutoCloseable {

    /** Opens the store the spec asks for; for RocksDB the local folder is created (and restored into, when restoring). */
    static KeyedLongStore create(KeyedBackendSpec spec, StateRestore restore) throws IOException {
        KeyedLongStore store = spec.rocksdb() ? RocksLongStore.open(spec, restore) : new HeapLongStore(spec.maxParallelism());
        if (restore != null && !spec.rocksdb()) {
            store.restoreCanonical(restore);
        }
        return store;
    }

    boolean containsKey(long key);

    /** The value, or {@code absent} when the key has none. */
    long get(long key, long absent);

    void put(long key, long value);

    /** Adds {@code delta} (absent keys start at 0) and returns the new value. */
    long addTo(long key, long delta);

    /** Number of keys (an estimate for RocksDB). */
    long size();

    /** Reads canonical key-group sections ({@code int count}, then {@code (long key, long value)} pairs) into the store. */
    default void restoreCanonical(StateRestore restore) throws IOException {
        restore.readKeyGroups((keyGroup, in) -> {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                put(in.readLong(), in.readLong());
            }
        });
    }

    /**
     * The synchronous part of a checkpoint or savepoint: captures the state as it is now. Savepoints are
     * always canonical; checkpoints of an incremental RocksDB store are native.
     */
    OperatorSnapshot snapshot(long checkpointId, boolean savepoint) throws IOException;

    default void notifyCheckpointComplete(long checkpointId) {
    }

    default void notifyCheckpointAborted(long checkpointId) {
    }

    @Override
    void close();
}
