package io.checkpointstudio.engine.expression;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.Descriptor;
import org.codehaus.janino.IClass;
import org.codehaus.janino.Java;
import org.codehaus.janino.UnitCompiler;

/**
 * After compilation, asks Janino which method each call in an expression resolved to and checks that against the
 * {@link AllowList}. The syntax check sees only names; this sees types, so it catches a String method name
 * called on something that is not a String, such as {@code (flag ? 1L : null).hashCode()}.
 */
final class ResolvedCalls {
    private ResolvedCalls() {
    }

    /** {@code root} must have passed {@link AllowListCheck} and compiled without errors. */
    static List<ExpressionError> check(Java.Rvalue root, UnitCompiler compiler, GeneratedSource source) {
        List<Java.MethodInvocation> calls = new ArrayList<>();
        collect(root, calls);
        List<ExpressionError> errors = new ArrayList<>();
        for (Java.MethodInvocation call : calls) {
            try {
                IClass.IMethod method = compiler.findIMethod(call);
                String declaringClass = Descriptor.toClassName(method.getDeclaringIClass().getDescriptor());
                if (!AllowList.allowsResolved(declaringClass, method.getName(), method.isStatic())) {
                    errors.add(source.error(call.getLocation(), "`" + call.methodName + "()` is not allowed here: it is "
                            + declaringClass + "." + method.getName() + ", and methods can be called only on strings"));
                } else if (declaringClass.equals("java.lang.String") && method.getName().equals("matches")) {
                    String problem = regexProblem(call, compiler);
                    if (problem != null) {
                        errors.add(source.error(call.getLocation(), problem));
                    }
                }
            } catch (CompileException e) {
                errors.add(source.error(call.getLocation(), "`" + call.methodName + "()` cannot be resolved: "
                        + e.getMessage()));
            }
        }
        return errors;
    }

    /** Why a constant regular expression (the usual case) cannot run, or null; others are compiled when they run. */
    private static String regexProblem(Java.MethodInvocation call, UnitCompiler compiler) throws CompileException {
        Object regex = compiler.getConstantValue(call.arguments[0]);
        return regex instanceof String text ? LinearRegex.problem(text) : null;
    }

    /** The calls in an expression made of the node kinds {@link AllowListCheck} lets through. */
    private static void collect(Java.Rvalue node, List<Java.MethodInvocation> calls) {
        if (node instanceof Java.MethodInvocation call) {
            calls.add(call);
            if (call.target != null && call.target.toRvalue() != null) {
                collect(call.target.toRvalue(), calls);
            }
            for (Java.Rvalue argument : call.arguments) {
                collect(argument, calls);
            }
        } else if (node instanceof Java.ParenthesizedExpression p) {
            collect(p.value, calls);
        } else if (node instanceof Java.UnaryOperation u) {
            collect(u.operand, calls);
        } else if (node instanceof Java.BinaryOperation b) {
            collect(b.lhs, calls);
            collect(b.rhs, calls);
        } else if (node instanceof Java.ConditionalExpression c) {
            collect(c.lhs, calls);
            collect(c.mhs, calls);
            collect(c.rhs, calls);
        } else if (node instanceof Java.Cast c) {
            collect(c.value, calls);
        } else if (node instanceof Java.Instanceof i) {
            collect(i.lhs, calls);
        }
    }
}
