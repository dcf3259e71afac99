package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/** What the coordinator drives: the tasks of the current job attempt. Implemented by the runtime. */
public interface CheckpointParticipants {

    /** A task of the attempt as the statistics show it. */
    record Task(String name, List<String> operatorIds, int parallelism) {
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

    /** Checkpoint complete: every subtask hears it (two-phase-commit sinks commit). */
    void notifyComplete(long checkpointId);

    /** Checkpoint failed: every subtask drops what it prepared and stops aligning for it. */
    void notifyAborted(long checkpointId);
}
