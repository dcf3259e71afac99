package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compiles expressions (Java expressions over field names) to bytecode with Janino, once, as loops over whole
 * column arrays: no interpretation, boxing or allocation per record.
 *
 * <p>Expressions are sandboxed: they may use field names, literals, operators, the conditional operator, casts
 * to primitive types or String, a few constants, and calls to an allow-list of pure functions (Math, String
 * methods, number parsing and {@link ExpressionFunctions}); anything else is rejected with its column. Generated
 * classes can link only to those classes.
 *
 * <p>Thread-safe and stateless; cheap to create. Checking an expression takes about a millisecond once warm.
 */
public final class ExpressionCompiler {

    /** The type the expression yields over the fields of {@code input}, or why it is not a valid expression. Never throws for user input. */
    public ExpressionCheck check(String expression, Schema input) {
        Objects.requireNonNull(input, "input");
        try {
            return ExpressionCheck.valid(AnalyzedExpression.analyze(expression, input).type());
        } catch (ExpressionException e) {
            return ExpressionCheck.invalid(e.errors());
        }
    }

    /** A filter that keeps the records for which {@code condition}, a boolean expression, holds. */
    public BatchFilter compileFilter(String condition, Schema input) throws ExpressionException {
        return compileFilter(condition, input, null);
    }

    /**
     * As {@link #compileFilter(String, Schema)}; a failure while it runs names {@code owner} (such as
     * "operator 'adults' (filter)") with the condition.
     */
    public BatchFilter compileFilter(String condition, Schema input, String owner) throws ExpressionException {
        Objects.requireNonNull(input, "input");
        AnalyzedExpression analyzed = AnalyzedExpression.analyze(condition, input);
        if (analyzed.type() != FieldType.BOOLEAN) {
            throw new ExpressionException("a condition must be boolean, but this expression yields "
                    + analyzed.type().jsonName(), 1);
        }
        return FailureNaming.filter(FilterGenerator.generate(analyzed, input), FailureNaming.where(owner, "condition"),
                condition);
    }

    /**
     * A projection with one output field per entry, in map order, each computed by its expression. The output
     * field's type is the type its expression yields. Errors are prefixed with the output field they belong to.
     */
    public BatchProjection compileProjection(LinkedHashMap<String, String> outputFieldToExpression, Schema input)
            throws ExpressionException {
        return compileProjection(outputFieldToExpression, input, null);
    }

    /** As {@link #compileProjection(LinkedHashMap, Schema)}; a failure while it runs names {@code owner}. */
    public BatchProjection compileProjection(LinkedHashMap<String, String> outputFieldToExpression, Schema input,
                                             String owner) throws ExpressionException {
        Objects.requireNonNull(input, "input");
        List<ExpressionError> errors = new ArrayList<>();
        List<Field> outputFields = new ArrayList<>();
        Map<Integer, AnalyzedExpression> computed = new TreeMap<>();
        Map<Integer, String> labels = new TreeMap<>();
        int[] reusedInput = new int[outputFieldToExpression.size()];
        boolean[] copied = new boolean[reusedInput.length];
        boolean[] inputReused = new boolean[input.size()];
        for (Map.Entry<String, String> entry : outputFieldToExpression.entrySet()) {
            int column = outputFields.size();
            String label = "in `" + entry.getKey() + "`: ";
            try {
                AnalyzedExpression analyzed = AnalyzedExpression.analyze(entry.getValue(), input);
                outputFields.add(new Field(entry.getKey(), analyzed.type()));
                String plain = analyzed.plainFieldReference();
                if (plain != null) {
                    int source = input.indexOf(plain);
                    reusedInput[column] = source;
                    copied[column] = inputReused[source];
                    inputReused[source] = true;
                } else {
                    reusedInput[column] = -1;
                    computed.put(column, analyzed);
                    labels.put(column, label);
                }
            } catch (ExpressionException e) {
                outputFields.add(new Field(entry.getKey(), FieldType.STRING)); // placeholder; we throw below
                e.errors().forEach(error -> errors.add(new ExpressionError(label + error.message(), error.column())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ExpressionException(errors);
        }
        Schema output = Schema.of(outputFields);
        ProjectionKernel kernel = computed.isEmpty() ? null
                : ProjectionGenerator.generate(computed, labels, input, output);
        Map<Integer, String> texts = new TreeMap<>();
        computed.forEach((column, expression) -> texts.put(column, expression.parsed().text()));
        return new CompiledProjection(output, reusedInput, copied, kernel, texts, owner);
    }

    /**
     * A reduce function: {@code expression} over {@code accName} and {@code valueName}, both of {@code type},
     * whose result must be assignable to {@code type} (a long result is fine for a double reducer).
     */
    public Reducer compileReducer(String expression, FieldType type, String accName, String valueName)
            throws ExpressionException {
        return compileReducer(expression, type, accName, valueName, null);
    }

    /** As {@link #compileReducer(String, FieldType, String, String)}; a failure while it runs names {@code owner}. */
    public Reducer compileReducer(String expression, FieldType type, String accName, String valueName, String owner)
            throws ExpressionException {
        Objects.requireNonNull(type, "type");
        checkParameterName(accName, "accumulator");
        checkParameterName(valueName, "value");
        if (accName.equals(valueName)) {
            throw new ExpressionException("the accumulator and the value need different names, both are `"
                    + accName + "`", 0);
        }
        Schema parameters = Schema.of(new Field(accName, type), new Field(valueName, type));
        AnalyzedExpression analyzed = AnalyzedExpression.analyze(expression, parameters);
        boolean assignable = analyzed.type() == type
                || type == FieldType.DOUBLE && analyzed.type() == FieldType.LONG;
        if (!assignable) {
            throw new ExpressionException("a reduce function over " + type.jsonName() + " values must yield "
                    + type.jsonName() + ", but this expression yields " + analyzed.type().jsonName(), 1);
        }
        return FailureNaming.reducer(ReducerGenerator.generate(analyzed, type, accName, valueName), type,
                FailureNaming.where(owner, "expression"), expression);
    }

    private static void checkParameterName(String name, String role) throws ExpressionException {
        if (!JavaNames.isIdentifier(name)) {
            throw new ExpressionException("the " + role + " name `" + name + "` is not a valid name", 0);
        }
    }
}
