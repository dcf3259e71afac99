package io.checkpointstudio.engine.expression;

/**
 * An expression went past a limit while it ran: a string longer than {@link ExpressionStrings#MAX_LENGTH}, or
 * its task was interrupted because it made no progress.
 */
public final class ExpressionLimitException extends RuntimeException {
    public ExpressionLimitException(String message) {
        super(message);
    }
}
