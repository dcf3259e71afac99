package io.checkpointstudio.engine.expression;

import java.util.HashSet;
import java.util.Set;
import org.codehaus.janino.Java;

/**
 * Which expressions can give null, for validation's warning about null keys. Only strings can be null: a
 * field that can be null (a JSON line without it), the {@code null} literal, a conditional one of whose
 * branches can be (a field counts as not null in the branch its condition tests it is not:
 * {@code name == null ? "none" : name}), or {@code coalesce(a, b)} when both can. Everything else gives a
 * value or fails: string concatenation, literals, arithmetic, a method called on a string (a null string
 * makes the call fail, it does not return null), the studio's functions.
 */
public final class NullableExpressions {
    private NullableExpressions() {
    }

    /** Whether {@code expression} can give null when the fields in {@code nullable} can be null; false if it does not parse. */
    public static boolean canBeNull(String expression, Set<String> nullable) {
        if (nullable.isEmpty() && (expression == null || !expression.contains("null"))) {
            return false;
        }
        try {
            return canBeNull(ParsedExpression.parse(expression).root(), nullable);
        } catch (ExpressionException | RuntimeException e) {
            return false; // validation reports the expression itself
        }
    }

    /**
     * The fields a filter condition proves not null for the records it keeps: those it tests with
     * {@code field != null} (or {@code null != field}) in a top-level {@code &&}; empty if it does not parse.
     */
    public static Set<String> notNullWhereTrue(String condition) {
        try {
            return notNullIf(true, ParsedExpression.parse(condition).root());
        } catch (ExpressionException | RuntimeException e) {
            return Set.of();
        }
    }

    private static boolean canBeNull(Java.Rvalue node, Set<String> nullable) {
        if (node instanceof Java.ParenthesizedExpression p) {
            return canBeNull(p.value, nullable);
        } else if (node instanceof Java.Cast c) {
            return canBeNull(c.value, nullable);
        } else if (node instanceof Java.NullLiteral) {
            return true;
        } else if (node instanceof Java.AmbiguousName name) {
            return name.identifiers.length == 1 && nullable.contains(name.identifiers[0]);
        } else if (node instanceof Java.ConditionalExpression c) {
            return canBeNull(c.mhs, without(nullable, notNullIf(true, c.lhs)))
                    || canBeNull(c.rhs, without(nullable, notNullIf(false, c.lhs)));
        } else if (node instanceof Java.MethodInvocation call && call.target == null && call.methodName.equals("coalesce")
                && call.arguments.length == 2) {
            return canBeNull(call.arguments[0], nullable) && canBeNull(call.arguments[1], nullable);
        }
        return false;
    }

    /** The fields {@code condition} proves not null when it is {@code outcome}. */
    private static Set<String> notNullIf(boolean outcome, Java.Rvalue condition) {
        if (condition instanceof Java.ParenthesizedExpression p) {
            return notNullIf(outcome, p.value);
        } else if (condition instanceof Java.UnaryOperation u && u.operator.equals("!")) {
            return notNullIf(!outcome, u.operand);
        } else if (condition instanceof Java.BinaryOperation b) {
            String both = outcome ? "&&" : "||";
            if (b.operator.equals(both)) {
                Set<String> fields = new HashSet<>(notNullIf(outcome, b.lhs));
                fields.addAll(notNullIf(outcome, b.rhs));
                return fields;
            }
            if (b.operator.equals(outcome ? "!=" : "==")) {
                String field = nullComparedField(b);
                return field == null ? Set.of() : Set.of(field);
            }
        }
        return Set.of();
    }

    /** The field of {@code field == null}, {@code null != field} and the like, or null. */
    private static String nullComparedField(Java.BinaryOperation b) {
        Java.Rvalue other = b.lhs instanceof Java.NullLiteral ? b.rhs : b.rhs instanceof Java.NullLiteral ? b.lhs : null;
        while (other instanceof Java.ParenthesizedExpression p) {
            other = p.value;
        }
        return other instanceof Java.AmbiguousName name && name.identifiers.length == 1 ? name.identifiers[0] : null;
    }

    private static Set<String> without(Set<String> fields, Set<String> removed) {
        if (removed.isEmpty()) {
            return fields;
        }
        Set<String> rest = new HashSet<>(fields);
        rest.removeAll(removed);
        return rest;
    }
}
