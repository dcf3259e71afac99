package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/**
 * The content of a checkpoint's or savepoint's {@code _metadata} file: what was checkpointed and where each
 * piece of state is. A checkpoint whose {@code _metadata} is missing or fails its checksum never existed.
 */
public record CheckpointMetadata(
        String format,
        String jobId,
        String jobName,
        long checkpointId,
        boolean savepoint,
        long triggerTimestamp,
        long completionTimestamp,
        int maxParallelism,
        List<TaskStateHandle> tasks) {

    /**
     * The format this version writes and reads. @2: key-group sections of named, typed state blocks
     * ({@link io.checkpointstudio.engine.state.StateBlock}) and typed operator list state; @1 snapshots
     * (one untyped table per operator) cannot be read.
     */
    public static final String FORMAT = "checkpoint-studio/checkpoint@2";
    static final String FORMAT_PREFIX = "checkpoint-studio/checkpoint@";

    /** Full size: every byte of state this checkpoint references. */
    public long stateSize() {
        long n = 0;
        for (TaskStateHandle t : tasks) {
            for (SubtaskStateHandle s : t.subtasks()) {
                n += s.bytes();
            }
        }
        return n;
    }

    /** What this checkpoint wrote: its full size, less the shared files it took over from earlier checkpoints. */
    public long checkpointedSize() {
        long n = 0;
        for (TaskStateHandle t : tasks) {
            for (SubtaskStateHandle s : t.subtasks()) {
                n += s.inFlight() == null ? 0 : s.inFlight().bytes();
                for (OperatorStateHandle o : s.operators()) {
                    n += o.checkpointedBytes();
                }
            }
        }
        return n;
    }
}
