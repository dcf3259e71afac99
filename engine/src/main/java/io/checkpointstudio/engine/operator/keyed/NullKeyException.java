package io.checkpointstudio.engine.operator.keyed;

import io.checkpointstudio.engine.record.RecordFailure;

/**
 * A record reached a key-by with a null key. Flink cannot key it either (its key groups hash the key), so
 * both engines fail the job there, with this message naming the key-by and its field and what to do.
 */
public final class NullKeyException extends RuntimeException implements RecordFailure {
    private static final long serialVersionUID = 1L;

    public NullKeyException(String keyBy, String field) {
        super("key-by '" + keyBy + "': field '" + field + "' is null in a record, and a record cannot be keyed by null;"
                + " filter such records out before the key-by (condition: " + field + " != null) or give them a key in a map"
                + " (coalesce(" + field + ", \"none\"))");
    }
}
