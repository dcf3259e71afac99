package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.state.heap.HeapKeyedStateBackend;
import io.checkpointstudio.engine.state.rocksdb.RocksKeyedStateBackend;
import java.io.IOException;
import java.util.function.BinaryOperator;

/**
 * The keyed state of one operator subtask: hands out named states whose keys belong to the subtask's key
 * groups, and snapshots them all together, one section per key group. Two implementations: the heap
 * (copy-on-write per key group, so the asynchronous write reads a frozen capture) and RocksDB (one
 * instance per subtask; full or incremental snapshots).
 *
 * <p>States take the key as an argument rather than a "current key": operators loop over a batch's key
 * column and pass each key along, with no per-record context switch. Every method is called from the
 * subtask's thread. States are registered in {@code open}, after a restore handed the backend its entries;
 * a restored state whose signature differs from the registered one is an error.
 */
public interface KeyedStateBackend extends AutoCloseable {

    /** The backend the spec asks for, restored from {@code restore} when not null. */
    static KeyedStateBackend create(KeyedBackendSpec spec, StateRestore restore) throws IOException {
        return spec.rocksdb() ? RocksKeyedStateBackend.open(spec, restore) : new HeapKeyedStateBackend(spec, restore);
    }

    <K, V> ValueState<K, V> valueState(String name, StateSerializer<K> key, StateSerializer<V> value);

    <K, V> ReducingState<K, V> reducingState(String name, StateSerializer<K> key, StateSerializer<V> value, BinaryOperator<V> reduce);

    <K, V> ListState<K, V> listState(String name, StateSerializer<K> key, StateSerializer<V> value);

    <K, UK, UV> MapState<K, UK, UV> mapState(String name, StateSerializer<K> key, StateSerializer<UK> userKey, StateSerializer<UV> value);

    /**
     * A specialised value state for long keys and long (or double, as raw bits) values: a primitive hash map
     * on the heap, a write-back cache in front of RocksDB. {@code valueType} is LONG or DOUBLE.
     */
    LongValueState longValueState(String name, FieldType valueType);

    /**
     * The synchronous part of a checkpoint or savepoint: captures every state as it is now. Savepoints are
     * always canonical; checkpoints of an incremental RocksDB backend are native.
     */
    OperatorSnapshot snapshot(long checkpointId, boolean savepoint) throws IOException;

    default void notifyCheckpointComplete(long checkpointId) {
    }

    default void notifyCheckpointAborted(long checkpointId) {
    }

    @Override
    void close();
}
