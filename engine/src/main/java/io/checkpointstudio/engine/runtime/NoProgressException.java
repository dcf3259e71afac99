package io.checkpointstudio.engine.runtime;

/**
 * A task kept one batch of records for longer than {@code checkpoint-studio.task.no-progress-timeout} without
 * any progress; the message names the operator and, where it has one, the expression it was evaluating.
 */
public final class NoProgressException extends RuntimeException {
    NoProgressException(String message) {
        super(message);
    }
}
