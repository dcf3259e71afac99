package io.checkpointstudio.engine.state;

import java.util.function.BiConsumer;

/** One value per key. Keys are passed explicitly, which suits operators that loop over a batch's key column. */
public interface ValueState<K, V> {
    /** The key's value, or null. */
    V get(K key);

    /** Sets the key's value; the state owns {@code value} from now on (do not change it afterwards). */
    void put(K key, V value);

    void clear(K key);

    /** Every key of this subtask with its value (no changes to the state meanwhile). */
    void forEach(BiConsumer<K, V> visitor);
}
