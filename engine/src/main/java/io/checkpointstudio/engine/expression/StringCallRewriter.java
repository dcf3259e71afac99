package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.FieldType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.Java;
import org.codehaus.janino.util.DeepCopier;

/**
 * Copies a parsed unit of generated source, turning the string operations inside its expressions into calls of
 * {@link ExpressionStrings}: {@code s.repeat(n)} becomes {@code repeat(s, n)} (and so for every method in
 * {@link #REWRITTEN}), {@code a + b} with a string operand becomes {@code plus(a, b)}. Nodes keep their source
 * locations, and only nodes inside placed expressions change, never the generator's own code.
 *
 * <p>Which {@code +} concatenates is decided from the syntax tree and the types of the fields the expression
 * reads: string literals, String fields, casts to String, String-returning methods, and {@code +} or
 * {@code ?:} over those. The expression passed the sandbox ({@link AllowListCheck}) and compiled before, so
 * every method called on a value is a String method.
 */
final class StringCallRewriter extends DeepCopier {
    /** String methods that are redirected: those that grow a string, match it or search it in more than linear time. */
    static final Set<String> REWRITTEN = Set.of("repeat", "concat", "replace", "matches", "indexOf", "lastIndexOf",
            "contains");

    private static final Set<String> STRING_RESULTS = namesReturningString(String.class, false);
    private static final Set<String> FUNCTION_STRING_RESULTS = namesReturningString(ExpressionFunctions.class, true);

    private final GeneratedSource source;

    StringCallRewriter(GeneratedSource source) {
        this.source = source;
    }

    @Override
    public Java.Rvalue copyMethodInvocation(Java.MethodInvocation call) throws CompileException {
        GeneratedSource.Placement placement = placementOf(call);
        if (placement == null || !REWRITTEN.contains(call.methodName) || !callsStringMethod(call, placement)) {
            return super.copyMethodInvocation(call);
        }
        Java.Rvalue[] arguments = new Java.Rvalue[call.arguments.length + 1];
        arguments[0] = copyRvalue(call.target.toRvalueOrCompileException());
        for (int i = 0; i < call.arguments.length; i++) {
            arguments[i + 1] = copyRvalue(call.arguments[i]);
        }
        return new Java.MethodInvocation(call.getLocation(), null, call.methodName, arguments);
    }

    @Override
    public Java.Rvalue copyBinaryOperation(Java.BinaryOperation operation) throws CompileException {
        GeneratedSource.Placement placement = placementOf(operation);
        if (placement == null || !operation.operator.equals("+")
                || !isString(operation.lhs, placement) && !isString(operation.rhs, placement)) {
            return super.copyBinaryOperation(operation);
        }
        return new Java.MethodInvocation(operation.getLocation(), null, "plus",
                new Java.Rvalue[] {copyRvalue(operation.lhs), copyRvalue(operation.rhs)});
    }

    private GeneratedSource.Placement placementOf(Java.Located node) {
        return node.getLocation() == null ? null : source.placementAt(node.getLocation().getLineNumber());
    }

    /** An instance call (on a String, the sandbox guarantees), not a static one such as {@code Math.abs(x)}. */
    private static boolean callsStringMethod(Java.MethodInvocation call, GeneratedSource.Placement placement) {
        if (call.target == null) {
            return false;
        }
        if (call.target instanceof Java.AmbiguousName name) {
            return placement.variables().containsKey(name.identifiers[0]);
        }
        return true;
    }

    /** Whether the expression's static type is String (or, for {@code ?:} mixing String and another type, may be). */
    private static boolean isString(Java.Rvalue node, GeneratedSource.Placement placement) {
        if (node instanceof Java.StringLiteral || node instanceof Java.TextBlock) {
            return true;
        }
        if (node instanceof Java.AmbiguousName name) {
            return name.n == 1 && placement.variables().get(name.identifiers[0]) == FieldType.STRING;
        }
        if (node instanceof Java.ParenthesizedExpression p) {
            return isString(p.value, placement);
        }
        if (node instanceof Java.Cast cast) {
            return AllowListCheck.isString(cast.targetType);
        }
        if (node instanceof Java.BinaryOperation b) {
            return b.operator.equals("+") && (isString(b.lhs, placement) || isString(b.rhs, placement));
        }
        if (node instanceof Java.ConditionalExpression c) {
            return isString(c.mhs, placement) || isString(c.rhs, placement);
        }
        if (node instanceof Java.MethodInvocation call) {
            return returnsString(call, placement);
        }
        return false;
    }

    private static boolean returnsString(Java.MethodInvocation call, GeneratedSource.Placement placement) {
        if (call.target == null) {
            return FUNCTION_STRING_RESULTS.contains(call.methodName);
        }
        if (callsStringMethod(call, placement)) {
            return STRING_RESULTS.contains(call.methodName);
        }
        if (call.target instanceof Java.AmbiguousName name) {
            String simpleClass = AllowList.staticClass(String.join(".", Arrays.copyOf(name.identifiers, name.n)));
            return simpleClass != null && staticReturnsString(simpleClass, call.methodName);
        }
        return false;
    }

    private static boolean staticReturnsString(String simpleClassName, String method) {
        try {
            return namesReturningString(Class.forName("java.lang." + simpleClassName), true).contains(method);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Set<String> namesReturningString(Class<?> type, boolean statics) {
        return Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) == statics && m.getReturnType() == String.class)
                .map(Method::getName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
