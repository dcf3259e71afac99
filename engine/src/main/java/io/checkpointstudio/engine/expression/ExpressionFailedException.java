package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.RecordFailure;

/**
 * An expression failed on a record while a job ran (a number that does not parse, a string over the size limit):
 * says which expression, where it is, and why.
 */
public final class ExpressionFailedException extends RuntimeException implements RecordFailure {
    ExpressionFailedException(String where, String expression, Throwable cause) {
        super(where + " `" + expression + "` failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
