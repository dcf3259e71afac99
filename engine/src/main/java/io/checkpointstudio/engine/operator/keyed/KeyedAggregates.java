package io.checkpointstudio.engine.operator.keyed;

import io.checkpointstudio.engine.expression.ExpressionCheck;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.SchemaContext;
import io.checkpointstudio.engine.operator.FieldNames;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;

/**
 * The descriptors of the running per-key aggregates: sum, count, min, max and reduce. Each emits, for every
 * input record, {@code (key, aggregate so far)} — Flink's {@code keyBy(...).sum(...)} behaviour.
 */
public final class KeyedAggregates {
    private KeyedAggregates() {
    }

    private static final ParamDescriptor NUMERIC_FIELD = ParamDescriptor.builder("field", ParamType.FIELD).label("Field").required()
            .summary("The long or double field to aggregate").build();

    public static final OperatorDescriptor SUM = numeric("sum", "Sum", "Running sum of a field per key", "mdi2s-sigma", Aggregation.SUM);
    public static final OperatorDescriptor MIN = numeric("min", "Min", "Running minimum of a field per key", "mdi2a-arrow-collapse-down", Aggregation.MIN);
    public static final OperatorDescriptor MAX = numeric("max", "Max", "Running maximum of a field per key", "mdi2a-arrow-collapse-up", Aggregation.MAX);

    public static final OperatorDescriptor COUNT = OperatorDescriptor.builder("count", Category.KEYED, "Count")
            .summary("Running count of records per key")
            .icon("mdi2c-counter")
            .param(ParamDescriptor.builder("as", ParamType.STRING).label("Output field").defaultValue("count")
                    .summary("Name of the field holding the count").build())
            .schema(ctx -> {
                String as = ctx.params().getString("as");
                if (!FieldNames.isValid(as)) {
                    ctx.error("as", FieldNames.problem(as));
                    return null;
                }
                return keyAnd(ctx, new Field(as, FieldType.LONG), "as");
            })
            .factory(setup -> new RunningAggregateOperator(setup, Aggregation.COUNT, null))
            .build();

    public static final OperatorDescriptor REDUCE = OperatorDescriptor.builder("reduce", Category.KEYED, "Reduce")
            .summary("Combines a field per key with an expression over acc and value")
            .icon("mdi2c-call-merge")
            .param(ParamDescriptor.builder("field", ParamType.FIELD).label("Field").required()
                    .summary("The field to combine").build())
            .param(ParamDescriptor.builder("expression", ParamType.EXPRESSION).label("Combine").required()
                    .summary("A Java expression over acc (the result so far) and value (this record's field), such as Math.max(acc, value)").build())
            .schema(ctx -> {
                Field f = ctx.requireField("field", ctx.params().getString("field"));
                if (f == null) {
                    return null;
                }
                Schema vars = Schema.of(new Field("acc", f.type()), new Field("value", f.type()));
                ExpressionCheck check = ctx.compiler().check(ctx.params().getString("expression"), vars);
                if (!check.ok()) {
                    ctx.expressionErrors("expression", check.errors());
                    return null;
                }
                if (!assignable(check.type(), f.type())) {
                    ctx.error("expression", "gives a " + check.type().jsonName() + " but field '" + f.name() + "' is " + f.type().jsonName());
                    return null;
                }
                return keyAnd(ctx, f, "field");
            })
            .factory(setup -> new RunningAggregateOperator(setup, Aggregation.REDUCE,
                    setup.compiler().compileReducer(setup.params().getString("expression"),
                            setup.inputSchema().find(setup.params().getString("field")).orElseThrow().type(), "acc", "value",
                            "operator '" + setup.operatorId() + "' (reduce)")))
            .build();

    public static List<OperatorDescriptor> all() {
        return List.of(SUM, COUNT, MIN, MAX, REDUCE);
    }

    private static OperatorDescriptor numeric(String type, String name, String summary, String icon, Aggregation aggregation) {
        return OperatorDescriptor.builder(type, Category.KEYED, name)
                .summary(summary)
                .icon(icon)
                .param(NUMERIC_FIELD)
                .schema(ctx -> {
                    Field f = ctx.requireField("field", ctx.params().getString("field"), FieldType.LONG, FieldType.DOUBLE);
                    return f == null ? null : keyAnd(ctx, f, "field");
                })
                .factory(setup -> new RunningAggregateOperator(setup, aggregation, null))
                .build();
    }

    private static boolean assignable(FieldType from, FieldType to) {
        return from == to || (from == FieldType.LONG && to == FieldType.DOUBLE);
    }

    /** The output schema {@code (key, value)}; the value field must not be the key itself. */
    private static Schema keyAnd(SchemaContext ctx, Field value, String param) {
        Field key = ctx.input().find(ctx.keyField()).orElse(null);
        if (key == null) {
            ctx.error(param, "the key field '" + ctx.keyField() + "' of the key-by before it is not in the input");
            return null;
        }
        if (key.name().equals(value.name())) {
            ctx.error(param, "'" + value.name() + "' is the key itself; aggregate another field");
            return null;
        }
        return Schema.of(key, value);
    }
}
