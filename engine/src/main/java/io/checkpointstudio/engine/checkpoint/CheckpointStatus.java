package io.checkpointstudio.engine.checkpoint;

/** Flink's checkpoint status names. */
public enum CheckpointStatus {
    IN_PROGRESS, COMPLETED, FAILED
}
