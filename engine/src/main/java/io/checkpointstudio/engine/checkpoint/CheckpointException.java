package io.checkpointstudio.engine.checkpoint;

/** The job fails over because of checkpoints (too many consecutive failures). */
public final class CheckpointException extends Exception {
    public CheckpointException(String message) {
        super(message);
    }
}
