package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/** One operator's state in one subtask of a checkpoint: list entries (inline) and keyed state (a file). */
public record OperatorStateHandle(String operatorId, List<byte[]> listState, KeyedStateHandle keyed) {

    /** Bytes this state takes: list entries plus the keyed file. */
    public long bytes() {
        long n = keyed == null ? 0 : keyed.bytes();
        for (byte[] e : listState) {
            n += e.length;
        }
        return n;
    }
}
