package io.checkpointstudio.engine.state;

/**
 * A value state from long keys to long values (doubles as their raw bits) without boxing: the hot path of
 * the running aggregates. Its snapshot entries are those of a {@code ValueState<Long, Long>} (or
 * {@code <Long, Double>}), so it is interchangeable with the general state in checkpoints.
 */
public interface LongValueState {
    boolean contains(long key);

    /** The value, or {@code absent} when the key has none. */
    long get(long key, long absent);

    void put(long key, long value);

    /** Adds {@code delta} (absent keys start at 0) and returns the new value. */
    long addTo(long key, long delta);
}
