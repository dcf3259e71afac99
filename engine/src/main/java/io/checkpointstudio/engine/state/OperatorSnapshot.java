package io.checkpointstudio.engine.state;

import java.util.List;

/**
 * What an operator captured in the synchronous part of a checkpoint.
 *
 * @param listState   small entries of non-keyed state (source positions, sink offsets), redistributed
 *                    round-robin over subtasks when the parallelism changes; captured by value
 * @param keyed       writes keyed state asynchronously from a captured copy in the canonical key-group
 *                    format; null when the operator has none (or writes it natively)
 * @param nativeKeyed writes keyed state asynchronously in a backend's native, incremental format (RocksDB
 *                    files); null for canonical snapshots
 * @param listRedistribution how {@code listState} is spread over subtasks on a restore at another parallelism
 */
public record OperatorSnapshot(List<byte[]> listState, KeyedStateWriter keyed, NativeStateWriter nativeKeyed,
                               OperatorListState.Redistribution listRedistribution) {
    public OperatorSnapshot {
        listState = List.copyOf(listState);
        if (listRedistribution == null) {
            listRedistribution = OperatorListState.Redistribution.ROUND_ROBIN;
        }
    }

    public OperatorSnapshot(List<byte[]> listState, KeyedStateWriter keyed, NativeStateWriter nativeKeyed) {
        this(listState, keyed, nativeKeyed, null);
    }

    public OperatorSnapshot(List<byte[]> listState, KeyedStateWriter keyed) {
        this(listState, keyed, null);
    }

    /** Untyped list entries, spread round-robin; prefer {@link OperatorListState#snapshot()}. */
    public static OperatorSnapshot ofList(List<byte[]> entries) {
        return new OperatorSnapshot(entries, null, null);
    }

    public static OperatorSnapshot ofList(List<byte[]> entries, OperatorListState.Redistribution redistribution) {
        return new OperatorSnapshot(entries, null, null, redistribution);
    }

    public static OperatorSnapshot ofKeyed(KeyedStateWriter keyed) {
        return new OperatorSnapshot(List.of(), keyed, null);
    }

    public static OperatorSnapshot ofNative(NativeStateWriter nativeKeyed) {
        return new OperatorSnapshot(List.of(), null, nativeKeyed);
    }
}
