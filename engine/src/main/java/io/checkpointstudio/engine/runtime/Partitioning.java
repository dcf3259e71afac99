package io.checkpointstudio.engine.runtime;

/** How records of one task edge are spread over the downstream subtasks. */
public enum Partitioning {
    /** Subtask i sends to subtask i (equal parallelism, not chained). */
    FORWARD,
    /** Batches go round-robin to all downstream subtasks (the parallelism changes). */
    REBALANCE,
    /** Each record goes to the subtask that owns its key's key group (after a key-by). */
    HASH
}
