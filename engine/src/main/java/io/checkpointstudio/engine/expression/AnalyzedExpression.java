package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;
import org.codehaus.janino.Java;

/**
 * An expression that has been parsed, passed the sandbox and been typed: ready for code generation.
 *
 * @param fields the input fields it reads, in schema order
 */
record AnalyzedExpression(ParsedExpression parsed, FieldType type, List<Field> fields) {

    /** Parses, sandboxes and types {@code text} over the fields of {@code input}. */
    static AnalyzedExpression analyze(String text, Schema input) throws ExpressionException {
        try {
            ParsedExpression parsed = ParsedExpression.parse(text);
            AllowListCheck.Result sandbox = AllowListCheck.check(parsed, input);
            if (!sandbox.errors().isEmpty()) {
                throw new ExpressionException(sandbox.errors());
            }
            List<Field> fields = input.fields().stream()
                    .filter(f -> sandbox.referencedFields().contains(f.name()))
                    .toList();
            return new AnalyzedExpression(parsed, TypeProbe.typeOf(parsed, fields), fields);
        } catch (StackOverflowError e) {
            throw new ExpressionException("the expression is nested too deeply", 0);
        } catch (RuntimeException e) {
            // Janino's own failures (InternalCompilerException and the like) must not escape as crashes.
            throw new ExpressionException("the expression could not be checked: " + e, 0);
        }
    }

    /** The input field this expression merely names (as in {@code userId} or {@code (userId)}), or null. */
    String plainFieldReference() {
        Java.Rvalue node = parsed.root();
        while (node instanceof Java.ParenthesizedExpression p) {
            node = p.value;
        }
        if (node instanceof Java.AmbiguousName name && name.n == 1 && fields.size() == 1) {
            return name.identifiers[0];
        }
        return null;
    }

    /** Reads no field, so it has the same value for every record. */
    boolean isConstant() {
        return fields.isEmpty();
    }
}
