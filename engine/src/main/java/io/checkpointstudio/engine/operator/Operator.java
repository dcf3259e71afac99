package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;

/**
 * The runtime side of an operator: one instance per parallel subtask, always called from that subtask's
 * thread. Implemented through {@link SourceOperator} or {@link StreamOperator}.
 */
public interface Operator {
    /** Called once on the subtask's thread before any record. */
    default void open(OperatorContext context) throws Exception {
    }

    /**
     * Called before {@link #open} when the job starts from a checkpoint or savepoint, with the state this
     * subtask owns. Not called on a fresh start.
     */
    default void restoreState(StateRestore restore) throws Exception {
    }

    /**
     * The synchronous part of a checkpoint, on the subtask's thread, exactly between the records before
     * and after the barrier: capture the state cheaply (a copy of arrays, an immutable view) and return
     * it; the engine writes it asynchronously while processing continues. Null when there is no state.
     */
    default OperatorSnapshot snapshotState(long checkpointId) throws Exception {
        return null;
    }

    /**
     * Like {@link #snapshotState(long)}, knowing whether the snapshot is a savepoint: savepoints must be
     * canonical (backend-independent), checkpoints may be native and incremental.
     */
    default OperatorSnapshot snapshotState(long checkpointId, boolean savepoint) throws Exception {
        return snapshotState(checkpointId);
    }

    /** Checkpoint {@code checkpointId} is complete everywhere (two-phase-commit sinks commit here). */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    /** Checkpoint {@code checkpointId} failed or was subsumed before completing; discard what was prepared for it. */
    default void notifyCheckpointAborted(long checkpointId) throws Exception {
    }

    /** Called once when the subtask ends, normally or not; release files and connections here. */
    default void close() throws Exception {
    }

    /**
     * What this subtask hands back when the job has finished (a collect sink's rows, a checksum sink's
     * figures); null for most operators. Called after {@link #close()}.
     */
    default Object result() {
        return null;
    }
}
