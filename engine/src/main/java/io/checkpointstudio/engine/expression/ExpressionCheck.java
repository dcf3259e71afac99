package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.FieldType;
import java.util.List;

/**
 * The outcome of checking an expression: the type of its result, or why it cannot be used.
 *
 * @param type   the field type the expression yields; {@code null} when it is invalid
 * @param errors empty when the expression is valid, ordered by column otherwise
 */
public record ExpressionCheck(FieldType type, List<ExpressionError> errors) {
    public ExpressionCheck {
        errors = List.copyOf(errors);
        if ((type == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a check has either a type or errors, not both or neither");
        }
    }

    static ExpressionCheck valid(FieldType type) {
        return new ExpressionCheck(type, List.of());
    }

    static ExpressionCheck invalid(List<ExpressionError> errors) {
        return new ExpressionCheck(null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
