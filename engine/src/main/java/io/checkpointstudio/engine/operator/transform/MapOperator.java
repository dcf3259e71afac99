package io.checkpointstudio.engine.operator.transform;

import io.checkpointstudio.engine.expression.BatchProjection;
import io.checkpointstudio.engine.expression.ExpressionCheck;
import io.checkpointstudio.engine.expression.NullableExpressions;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes each output record from one input record: every output field is a Java expression over the
 * input's fields ({@code {"userId": "userId", "clicks": "1L"}}); the output has exactly these fields.
 */
public final class MapOperator implements StreamOperator {
    public static final String TYPE = "map";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.TRANSFORM, "Map")
            .summary("Computes new fields from each record")
            .icon("mdi2s-swap-horizontal")
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("fields", ParamType.FIELD_EXPRESSIONS).label("Output fields").required()
                    .summary("Output field name to Java expression over the input's fields").build())
            .schema(ctx -> {
                LinkedHashMap<String, String> fields = ctx.params().getFieldExpressions("fields");
                List<Field> out = new ArrayList<>();
                for (Map.Entry<String, String> e : fields.entrySet()) {
                    ExpressionCheck check = ctx.compiler().check(e.getValue(), ctx.input());
                    if (!check.ok()) {
                        ctx.expressionErrors("fields." + e.getKey(), check.errors());
                    } else {
                        out.add(new Field(e.getKey(), check.type()));
                    }
                }
                return Schema.of(out);
            })
            .nullableFields((params, nullableInput, output) -> {
                Map<String, String> fields = params.getFieldExpressions("fields");
                return output.fields().stream()
                        .filter(f -> f.type() == FieldType.STRING && NullableExpressions.canBeNull(fields.get(f.name()), nullableInput))
                        .map(Field::name).collect(Collectors.toUnmodifiableSet());
            })
            .factory(setup -> new MapOperator(setup.compiler().compileProjection(setup.params().getFieldExpressions("fields"), setup.inputSchema(),
                    "operator '" + setup.operatorId() + "' (" + TYPE + ")")))
            .build();

    private final BatchProjection projection;

    private MapOperator(BatchProjection projection) {
        this.projection = projection;
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        out.emit(projection.project(batch));
    }
}
