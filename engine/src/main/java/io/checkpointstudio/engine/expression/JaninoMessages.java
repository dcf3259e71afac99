package io.checkpointstudio.engine.expression;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;

/** Rewrites Janino's compiler messages into the words an expression author uses. */
final class JaninoMessages {
    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("Unexpected token \"(.*)\" in .*");
    private static final Pattern NO_SUCH_METHOD = Pattern.compile(
            "A method named \"(\\w+)\" is not declared in any enclosing class nor any supertype.*");
    private static final Pattern CONVERSION = Pattern.compile(
            "Assignment conversion not possible from type \"([^\"]+)\" to type \"([^\"]+)\"");

    private JaninoMessages() {
    }

    /** The message of a parse error without Janino's "Line 1, Column 5: " prefix. */
    static String syntaxError(CompileException e) {
        String message = e.getMessage();
        Location at = e.getLocation();
        if (at != null && message.startsWith(at + ": ")) {
            message = message.substring(at.toString().length() + 2);
        }
        Matcher m = UNEXPECTED_TOKEN.matcher(message);
        if (m.matches()) {
            return m.group(1).equals("end-of-input")
                    ? "the expression ends too early"
                    : "syntax error: unexpected `" + m.group(1) + "`";
        }
        return "syntax error: " + message;
    }

    /** A compile error of the expression, reworded where Janino's wording is confusing. */
    static String compileError(String message) {
        Matcher m = NO_SUCH_METHOD.matcher(message);
        if (m.matches()) {
            return "`" + m.group(1) + "()` cannot be called on this value: methods can be called only on strings";
        }
        return message;
    }

    /** The Java type named in an "assignment conversion not possible" error, if that is what the message is. */
    static Optional<String> unconvertibleType(String message) {
        Matcher m = CONVERSION.matcher(message);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
