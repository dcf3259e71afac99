package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The state a restoring operator subtask gets back from a checkpoint or savepoint. */
public interface StateRestore {
    /** The non-keyed entries assigned to this subtask. */
    List<byte[]> listState();

    /**
     * Feeds every restored key-group section this subtask owns to {@code reader}, in the canonical format
     * (native RocksDB state is converted on the way).
     */
    void readKeyGroups(KeyGroupReader reader) throws IOException;

    /** The id of the checkpoint being restored. */
    long checkpointId();

    /**
     * When the keyed state is one native (RocksDB) snapshot covering exactly this subtask's key groups, that
     * snapshot, so a RocksDB backend can take its files as they are; null otherwise.
     */
    default NativeState nativeState() {
        return null;
    }

    /** A native snapshot: its handle and the checkpoint folder it belongs to (shared files are in {@code ../shared/}). */
    record NativeState(Path checkpointDir, IncrementalStateHandle handle) {
    }
}
