package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/** What the coordinator drives: the tasks of the current job attempt. Implemented by the runtime. */
public interface CheckpointParticipants {

    /**
     * A task of the attempt as the statistics and the metadata show it.
     *
     * @param operatorTypes   the operator type of each operator id
     * @param stateSignatures what each operator's state looks like (type, key type, value types), to tell on
     *                        restore whether a changed job can still read it
     */
    record Task(String name, List<String> operatorIds, int parallelism, List<String> operatorTypes, List<String> stateSignatures) {
    }

    List<Task> tasks();

    /**
     * Tells every source subtask to snapshot and emit barrier {@code checkpointId} between two batches.
     *
     * @param finalCheckpoint whether this is the final checkpoint, triggered after every source reached the
     *                        end of its input: sources finish once it completes. Only the coordinator decides
     *                        this; a periodic checkpoint that happens to start after the sources ended is not it.
     */
    void triggerSources(long checkpointId, long timestamp, boolean unaligned, long alignedTimeoutMs, boolean savepoint,
                        boolean finalCheckpoint);

    /**
     * Tells every source subtask to take savepoint {@code checkpointId} and then stop: with {@code drain} the
     * sources first end their input (windows fire), otherwise they stop as they are.
     */
    void stopWithSavepoint(long checkpointId, long timestamp, boolean drain);

    /** Checkpoint complete: every subtask hears it (two-phase-commit sinks commit). */
    void notifyComplete(long checkpointId);

    /** Checkpoint failed: every subtask drops what it prepared and stops aligning for it. */
    void notifyAborted(long checkpointId);
}
