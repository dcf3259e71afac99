package io.checkpointstudio.engine.checkpoint;

/** A subtask's acknowledgement of a checkpoint: where its state is and how the snapshot went. */
public record SubtaskAck(long checkpointId, int task, int subtask, SubtaskStateHandle state, SubtaskCheckpointStats stats) {
}
