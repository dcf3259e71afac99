package io.checkpointstudio.engine.expression;

import java.util.List;
import java.util.stream.Collectors;

/** An expression cannot be compiled; {@link #errors()} says where and why. */
public final class ExpressionException extends Exception {
    private final List<ExpressionError> errors;

    public ExpressionException(List<ExpressionError> errors) {
        super(errors.stream().map(ExpressionError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an ExpressionException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ExpressionException(String message, int column) {
        this(List.of(new ExpressionError(message, column)));
    }

    public List<ExpressionError> errors() {
        return errors;
    }
}
