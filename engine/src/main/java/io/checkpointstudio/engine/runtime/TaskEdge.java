package io.checkpointstudio.engine.runtime;

/**
 * A connection between two tasks of the physical plan.
 *
 * @param keyColumn the key's column in the upstream task's output (HASH only, else -1)
 * @param keyBy     the id of the key-by operator this edge was planned from, or null
 */
public record TaskEdge(int from, int to, Partitioning partitioning, int keyColumn, String keyBy) {
}
