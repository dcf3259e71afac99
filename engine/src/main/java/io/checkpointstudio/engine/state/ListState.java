package io.checkpointstudio.engine.state;

import java.util.List;
import java.util.function.BiConsumer;

/** A list of values per key. */
public interface ListState<K, V> {
    /** The key's values in the order added; empty when it has none. The list must not be changed. */
    List<V> get(K key);

    void add(K key, V value);

    /** Replaces the key's values (an empty list clears the key). */
    void update(K key, List<V> values);

    void clear(K key);

    void forEach(BiConsumer<K, List<V>> visitor);
}
