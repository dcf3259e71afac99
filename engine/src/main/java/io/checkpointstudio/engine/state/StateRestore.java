package io.checkpointstudio.engine.state;

import java.io.IOException;
import java.util.List;

/** The state a restoring operator subtask gets back from a checkpoint or savepoint. */
public interface StateRestore {
    /** The non-keyed entries assigned to this subtask. */
    List<byte[]> listState();

    /** Feeds every restored key-group section this subtask owns to {@code reader}. */
    void readKeyGroups(KeyGroupReader reader) throws IOException;

    /** The id of the checkpoint being restored. */
    long checkpointId();
}
