package io.checkpointstudio.engine.runtime;

/** Carries a checked exception of an operator through the chain's direct calls; unwrapped when reported. */
final class OperatorException extends RuntimeException {
    OperatorException(Exception cause) {
        super(cause.getMessage(), cause);
    }
}
