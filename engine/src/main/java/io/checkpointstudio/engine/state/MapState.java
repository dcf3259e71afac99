package io.checkpointstudio.engine.state;

import java.util.Map;

/**
 * A map per key: user key to value. Windows keep one accumulator per key and window end this way; in
 * RocksDB every (key, user key) is its own entry, so one window of one key is read and written alone.
 */
public interface MapState<K, UK, UV> {
    /** The value under {@code userKey} of {@code key}, or null. */
    UV get(K key, UK userKey);

    /** The state owns {@code value} from now on (do not change it afterwards). */
    void put(K key, UK userKey, UV value);

    void remove(K key, UK userKey);

    /** A copy of the key's entries (empty when it has none). */
    Map<UK, UV> entries(K key);

    void clear(K key);

    /** Every (key, user key, value) of this subtask (no changes to the state meanwhile). */
    void forEach(Visitor<K, UK, UV> visitor);

    @FunctionalInterface
    interface Visitor<K, UK, UV> {
        void accept(K key, UK userKey, UV value);
    }
}
