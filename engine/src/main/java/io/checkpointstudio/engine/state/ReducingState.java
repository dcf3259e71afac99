package io.checkpointstudio.engine.state;

import java.util.function.BiConsumer;

/** One aggregate per key, combined with a reduce function as values are added. */
public interface ReducingState<K, V> {
    /** The key's aggregate, or null. */
    V get(K key);

    /** Combines {@code value} into the key's aggregate (the first value is the aggregate) and returns the new aggregate. */
    V add(K key, V value);

    void clear(K key);

    void forEach(BiConsumer<K, V> visitor);
}
