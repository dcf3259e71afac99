package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.expression.ExpressionError;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link SchemaDeriver} sees: the input schema (empty for sources), the parameters, the key field
 * for keyed operators, an expression compiler, and a way to report problems against a parameter.
 */
public final class SchemaContext {
    private final Schema input;
    private final Params params;
    private final String keyField;
    private final ExpressionCompiler compiler;
    private final String paramsPath;
    private final Consumer<Problem> problems;
    private boolean failed;

    public SchemaContext(Schema input, Params params, String keyField, ExpressionCompiler compiler,
                         String paramsPath, Consumer<Problem> problems) {
        this.input = input;
        this.params = params;
        this.keyField = keyField;
        this.compiler = compiler;
        this.paramsPath = paramsPath;
        this.problems = problems;
    }

    public Schema input() {
        return input;
    }

    public Params params() {
        return params;
    }

    /** The field the upstream {@code key-by} partitions on; null for operators that are not keyed. */
    public String keyField() {
        return keyField;
    }

    public ExpressionCompiler compiler() {
        return compiler;
    }

    public void error(String param, String message) {
        failed = true;
        problems.accept(Problem.error(paramsPath + "." + param, message));
    }

    public void warning(String param, String message) {
        problems.accept(Problem.warning(paramsPath + "." + param, message));
    }

    public void expressionErrors(String param, List<ExpressionError> errors) {
        for (ExpressionError e : errors) {
            error(param, e.column() > 0 ? "at column " + e.column() + ": " + e.message() : e.message());
        }
    }

    public boolean failed() {
        return failed;
    }

    /** The named input field, reporting a problem against {@code param} when it is missing or of the wrong type. */
    public Field requireField(String param, String fieldName, FieldType... allowed) {
        if (fieldName == null) {
            return null;
        }
        var found = input.find(fieldName);
        if (found.isEmpty()) {
            error(param, "field '" + fieldName + "' does not exist"
                    + io.checkpointstudio.engine.job.Suggestions.didYouMean(fieldName, input.names())
                    + "; the input has " + (input.size() == 0 ? "no fields" : String.join(", ", input.names())));
            return null;
        }
        Field f = found.get();
        if (allowed.length > 0 && !List.of(allowed).contains(f.type())) {
            error(param, "field '" + fieldName + "' is " + f.type().jsonName() + "; this needs "
                    + String.join(" or ", List.of(allowed).stream().map(FieldType::jsonName).toList()));
            return null;
        }
        return f;
    }
}
