package io.checkpointstudio.engine.services;

/** A local service could not be started, stopped or asked; {@link #failure()} says why and what to do. */
public final class ServiceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ServiceState.Failed failure;

    public ServiceException(ServiceState.Failed failure) {
        super(failure.describe());
        this.failure = failure;
    }

    public ServiceException(ServiceState.Failed failure, Throwable cause) {
        super(failure.describe(), cause);
        this.failure = failure;
    }

    public ServiceState.Failed failure() {
        return failure;
    }
}
