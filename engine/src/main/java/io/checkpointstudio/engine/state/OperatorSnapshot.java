package io.checkpointstudio.engine.state;

import java.util.List;

/**
 * What an operator captured in the synchronous part of a checkpoint.
 *
 * @param listState small entries of non-keyed state (source positions, sink offsets), redistributed
 *                  round-robin over subtasks when the parallelism changes; captured by value
 * @param keyed     writes keyed state asynchronously from a captured copy; null when the operator has none
 */
public record OperatorSnapshot(List<byte[]> listState, KeyedStateWriter keyed) {
    public OperatorSnapshot {
        listState = List.copyOf(listState);
    }

    public static OperatorSnapshot ofList(List<byte[]> entries) {
        return new OperatorSnapshot(entries, null);
    }

    public static OperatorSnapshot ofKeyed(KeyedStateWriter keyed) {
        return new OperatorSnapshot(List.of(), keyed);
    }
}
