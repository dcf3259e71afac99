package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.util.ClassFile;

/**
 * The Java source of one generated class, written line by line. Each expression is placed on lines of its own,
 * so that Janino's error locations inside it map back to columns of the text the person typed.
 */
final class GeneratedSource {
    /** Where an expression went, and the types of the names it reads. */
    record Placement(String label, ParsedExpression expression, int firstLine, Map<String, FieldType> variables) {
        boolean contains(int line) {
            return line >= firstLine && line < firstLine + expression.positions().lineCount();
        }
    }

    private final String className;
    private final StringBuilder text = new StringBuilder();
    private final List<Placement> placements = new ArrayList<>();
    private int nextLine = 1;

    GeneratedSource(String className) {
        this.className = className;
        line("import static " + ExpressionFunctions.class.getName() + ".*;");
        line("import static " + ExpressionStrings.class.getName() + ".*;");
    }

    GeneratedSource line(String code) {
        text.append(code).append('\n');
        nextLine++;
        return this;
    }

    /**
     * Places an expression on lines of its own. {@code label} prefixes the messages of errors inside it (empty
     * for none). The expression parsed on its own as exactly one expression, so it cannot escape its place here.
     */
    GeneratedSource expression(String label, ParsedExpression expression) {
        return place(label, expression, Map.of());
    }

    /** Places an analyzed expression; the code that runs it is compiled with {@link StringCallRewriter}. */
    GeneratedSource expression(String label, AnalyzedExpression expression) {
        Map<String, FieldType> variables = new LinkedHashMap<>();
        for (Field f : expression.fields()) {
            variables.put(f.name(), f.type());
        }
        return place(label, expression.parsed(), variables);
    }

    private GeneratedSource place(String label, ParsedExpression expression, Map<String, FieldType> variables) {
        placements.add(new Placement(label, expression, nextLine, Map.copyOf(variables)));
        text.append(expression.text()).append('\n');
        nextLine += expression.positions().lineCount();
        return this;
    }

    /** The number of the line the next {@link #line} or {@link #expression} call writes. */
    int nextLine() {
        return nextLine;
    }

    JaninoRun compile() {
        return JaninoRun.compile(text.toString(), className + ".java", null);
    }

    /** The placement whose expression covers this line of the source, or null. */
    Placement placementAt(int line) {
        for (Placement p : placements) {
            if (p.contains(line)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Compiles the class, with the expressions' string operations bounded ({@link StringCallRewriter}), and
     * creates an instance of it.
     */
    <T> T instantiate(Class<T> type) throws ExpressionException {
        JaninoRun run;
        try {
            run = JaninoRun.compile(text.toString(), className + ".java", new StringCallRewriter(this));
        } catch (RuntimeException | StackOverflowError e) {
            throw new ExpressionException("the expression could not be compiled: " + e, 0);
        }
        if (!run.ok()) {
            throw new ExpressionException(errors(run.errors()));
        }
        List<ClassFile> classFiles = run.classFiles();
        if (classFiles.size() != 1) {
            throw new IllegalStateException("expected one generated class, got " + classFiles.size());
        }
        return GeneratedClassLoader.instantiate(classFiles.get(0), type);
    }

    /** The errors as positions in the expressions, without duplicates. */
    List<ExpressionError> errors(Collection<JaninoRun.Error> errors) {
        Set<ExpressionError> result = new LinkedHashSet<>();
        for (JaninoRun.Error e : errors) {
            result.add(error(e.line(), e.column(), JaninoMessages.compileError(e.message())));
        }
        return List.copyOf(result);
    }

    ExpressionError error(Location location, String message) {
        return location == null ? new ExpressionError(message, 0)
                : error(location.getLineNumber(), location.getColumnNumber(), message);
    }

    private ExpressionError error(int line, int column, String message) {
        for (Placement p : placements) {
            if (p.contains(line)) {
                int position = p.expression().positions().position(line - p.firstLine() + 1, column);
                return new ExpressionError(p.label() + message, position);
            }
        }
        return new ExpressionError(message, 0);
    }

    // ---- vocabulary shared by the generators ----

    /**
     * A prefix for the generator's own local names ({@code $n}, {@code $c0}, ...) that no field name starts with,
     * so that an expression's field names can never clash with them.
     */
    static String internalPrefix(Collection<String> fieldNames) {
        String prefix = "$";
        while (startsWithAny(fieldNames, prefix)) {
            prefix += "$";
        }
        return prefix;
    }

    private static boolean startsWithAny(Collection<String> names, String prefix) {
        for (String name : names) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String javaType(FieldType type) {
        return switch (type) {
            case LONG -> "long";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING -> "String";
        };
    }

    static String arrayType(FieldType type) {
        return javaType(type) + "[]";
    }

    /** The {@link io.checkpointstudio.engine.record.RecordBatch} method that returns a column of this type. */
    static String columnAccessor(FieldType type) {
        return switch (type) {
            case LONG -> "longs";
            case DOUBLE -> "doubles";
            case BOOLEAN -> "booleans";
            case STRING -> "strings";
        };
    }
}
