package io.checkpointstudio.engine.fault;

/** A failure the user or a test asked for; handled by the engine exactly like a real one. */
public final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String message) {
        super(message);
    }
}
