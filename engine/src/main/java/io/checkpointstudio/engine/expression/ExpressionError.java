package io.checkpointstudio.engine.expression;

import java.util.Objects;

/**
 * One problem with an expression.
 *
 * @param message what is wrong, for a person to read
 * @param column  the 1-based position in the expression text where the problem is, 0 if unknown
 */
public record ExpressionError(String message, int column) {
    public ExpressionError {
        Objects.requireNonNull(message, "message");
        if (column < 0) {
            throw new IllegalArgumentException("column must be >= 0, got " + column);
        }
    }

    /** {@code at column N: message}, or just the message when the column is unknown. */
    @Override
    public String toString() {
        return column > 0 ? "at column " + column + ": " + message : message;
    }
}
