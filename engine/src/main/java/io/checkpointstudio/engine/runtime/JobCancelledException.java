package io.checkpointstudio.engine.runtime;

/** Thrown inside a subtask when its job attempt was cancelled while it waited; not a failure. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled", null, false, false);
    }
}
