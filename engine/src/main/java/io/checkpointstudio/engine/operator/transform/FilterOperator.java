package io.checkpointstudio.engine.operator.transform;

import io.checkpointstudio.engine.expression.BatchFilter;
import io.checkpointstudio.engine.expression.ExpressionCheck;
import io.checkpointstudio.engine.expression.NullableExpressions;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import java.util.HashSet;
import java.util.Set;

/** Keeps the records for which a boolean Java expression over their fields holds. */
public final class FilterOperator implements StreamOperator {
    public static final String TYPE = "filter";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.TRANSFORM, "Filter")
            .summary("Keeps the records for which a condition holds")
            .icon("mdi2f-filter-outline")
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("condition", ParamType.EXPRESSION).label("Condition").required()
                    .summary("A Java boolean expression over the input's fields, such as loggedIn && userId % 2 == 0").build())
            .schema(ctx -> {
                String condition = ctx.params().getString("condition");
                ExpressionCheck check = ctx.compiler().check(condition, ctx.input());
                if (!check.ok()) {
                    ctx.expressionErrors("condition", check.errors());
                } else if (check.type() != FieldType.BOOLEAN) {
                    ctx.error("condition", "must be true or false, but '" + condition + "' gives a " + check.type().jsonName()
                            + comparisonHint(condition, check.type()));
                }
                return ctx.input();
            })
            .nullableFields((params, nullableInput, output) -> {
                // records that pass "name != null" have a name
                Set<String> nullable = new HashSet<>(nullableInput);
                nullable.removeAll(NullableExpressions.notNullWhereTrue(params.getString("condition")));
                return nullable;
            })
            .factory(setup -> new FilterOperator(setup.compiler().compileFilter(setup.params().getString("condition"), setup.inputSchema(),
                    "operator '" + setup.operatorId() + "' (" + TYPE + ")")))
            .build();

    /** "; compare it, such as 'userId % 2 == 0'" for a plain numeric expression; empty otherwise. */
    private static String comparisonHint(String condition, FieldType type) {
        boolean numeric = type == FieldType.LONG || type == FieldType.DOUBLE;
        boolean plain = condition.chars().noneMatch(c -> "?:&|=<>!".indexOf(c) >= 0);
        return numeric && plain ? "; compare it, such as '" + condition.strip() + " == 0'" : "";
    }

    private final BatchFilter filter;

    private FilterOperator(BatchFilter filter) {
        this.filter = filter;
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        if (filter.filter(batch) > 0) {
            out.emit(batch);
        }
    }
}
