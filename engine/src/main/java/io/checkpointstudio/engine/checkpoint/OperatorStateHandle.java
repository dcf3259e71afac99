package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.state.OperatorListState;
import java.util.List;

/**
 * One operator's state in one subtask of a checkpoint: list entries (inline) and keyed state, either a
 * canonical key-group file ({@code keyed}) or native incremental RocksDB files ({@code incremental}).
 *
 * @param listRedistribution how the list entries are spread on a restore at another parallelism; absent
 *                           (null) in metadata written before it existed, which means round-robin
 */
public record OperatorStateHandle(String operatorId, List<byte[]> listState, KeyedStateHandle keyed, IncrementalStateHandle incremental,
                                  OperatorListState.Redistribution listRedistribution) {

    public OperatorStateHandle(String operatorId, List<byte[]> listState, KeyedStateHandle keyed, IncrementalStateHandle incremental) {
        this(operatorId, listState, keyed, incremental, null);
    }

    public OperatorStateHandle(String operatorId, List<byte[]> listState, KeyedStateHandle keyed) {
        this(operatorId, listState, keyed, null, null);
    }

    /** Whether every subtask of a restore gets all entries (union list state). */
    public boolean unionListState() {
        return listRedistribution == OperatorListState.Redistribution.UNION;
    }

    /** Bytes this state takes (full size): list entries plus the keyed file or every referenced native file. */
    public long bytes() {
        long n = keyed == null ? 0 : keyed.bytes();
        if (incremental != null) {
            n += incremental.bytes();
        }
        for (byte[] e : listState) {
            n += e.length;
        }
        return n;
    }

    /** Bytes this checkpoint wrote for this state: like {@link #bytes()}, but only new native files count. */
    public long checkpointedBytes() {
        return bytes() - (incremental == null ? 0 : incremental.bytes() - incremental.checkpointedBytes());
    }
}
