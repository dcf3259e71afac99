package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.expression.Reducer;
import io.checkpointstudio.engine.record.FieldType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * sum, count, min, max and reduce: one running aggregate per key in Flink keyed state, emitting
 * {@code (key, aggregate so far)} for every record, as the engine's running aggregates (and Flink's own
 * {@code keyBy(..).sum(..)}) do. reduce compiles its expression with the engine's compiler when it opens.
 */
public final class RunningAggregate extends KeyedProcessFunction<Object, Row, Row> {
    private static final long serialVersionUID = 1L;

    public enum Kind { SUM, COUNT, MIN, MAX, REDUCE }

    private final Kind kind;
    private final int valueIndex;
    private final FieldType valueType;
    private final String expression;
    private transient ValueState<Object> acc;
    private transient Reducer reducer;

    public RunningAggregate(Kind kind, int valueIndex, FieldType valueType, String expression) {
        this.kind = kind;
        this.valueIndex = valueIndex;
        this.valueType = valueType;
        this.expression = expression;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) throws Exception {
        acc = getRuntimeContext().getState(new ValueStateDescriptor<>("acc", (TypeInformation<Object>) Rows.typeOf(valueType)));
        if (kind == Kind.REDUCE) {
            reducer = new ExpressionCompiler().compileReducer(expression, valueType, "acc", "value");
        }
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) throws Exception {
        Object value = kind == Kind.COUNT ? 1L : row.getField(valueIndex);
        Object current = acc.value();
        Object next = current == null ? value : combine(current, value);
        acc.update(next);
        out.collect(Row.of(ctx.getCurrentKey(), next));
    }

    private Object combine(Object a, Object v) {
        if (kind == Kind.COUNT) {
            return (Long) a + 1;
        }
        return switch (valueType) {
            case LONG -> {
                long x = (Long) a;
                long y = (Long) v;
                yield switch (kind) {
                    case SUM -> x + y;
                    case MIN -> Math.min(x, y);
                    case MAX -> Math.max(x, y);
                    default -> reducer.reduceLong(x, y);
                };
            }
            case DOUBLE -> {
                double x = (Double) a;
                double y = (Double) v;
                yield switch (kind) {
                    case SUM -> x + y;
                    case MIN -> Math.min(x, y);
                    case MAX -> Math.max(x, y);
                    default -> reducer.reduceDouble(x, y);
                };
            }
            case BOOLEAN -> reducer.reduceBoolean((Boolean) a, (Boolean) v);
            case STRING -> reducer.reduceString((String) a, (String) v);
        };
    }
}
