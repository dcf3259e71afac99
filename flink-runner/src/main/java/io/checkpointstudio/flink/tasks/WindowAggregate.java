package io.checkpointstudio.flink.tasks;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * The window operator's aggregate (count, sum, min, max, avg of one field) as a Flink
 * {@link AggregateFunction} over an accumulator row {@code (count, sum, min, max)}, exactly as the engine
 * accumulates; {@link Emit} turns a fired window into {@code (key, window_start, window_end, value)}.
 */
public final class WindowAggregate implements AggregateFunction<Row, Row, Object> {
    private static final long serialVersionUID = 1L;

    private final String aggregate;
    private final int valueIndex;
    private final boolean doubles;

    public WindowAggregate(String aggregate, int valueIndex, boolean doubles) {
        this.aggregate = aggregate;
        this.valueIndex = valueIndex;
        this.doubles = doubles;
    }

    @Override
    public Row createAccumulator() {
        return doubles ? Row.of(0L, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                : Row.of(0L, 0L, Long.MAX_VALUE, Long.MIN_VALUE);
    }

    @Override
    public Row add(Row row, Row acc) {
        long count = (Long) acc.getField(0) + 1;
        if (valueIndex < 0) {
            return Row.of(count, acc.getField(1), acc.getField(2), acc.getField(3));
        }
        if (doubles) {
            double v = (Double) row.getField(valueIndex);
            return Row.of(count, (Double) acc.getField(1) + v, Math.min((Double) acc.getField(2), v), Math.max((Double) acc.getField(3), v));
        }
        long v = (Long) row.getField(valueIndex);
        return Row.of(count, (Long) acc.getField(1) + v, Math.min((Long) acc.getField(2), v), Math.max((Long) acc.getField(3), v));
    }

    @Override
    public Object getResult(Row acc) {
        long count = (Long) acc.getField(0);
        return switch (aggregate) {
            case "COUNT" -> count;
            case "SUM" -> acc.getField(1);
            case "MIN" -> acc.getField(2);
            case "MAX" -> acc.getField(3);
            case "AVG" -> count == 0 ? 0.0 : ((Number) acc.getField(1)).doubleValue() / count;
            default -> throw new IllegalStateException(aggregate);
        };
    }

    @Override
    public Row merge(Row a, Row b) {
        if (doubles) {
            return Row.of((Long) a.getField(0) + (Long) b.getField(0), (Double) a.getField(1) + (Double) b.getField(1),
                    Math.min((Double) a.getField(2), (Double) b.getField(2)), Math.max((Double) a.getField(3), (Double) b.getField(3)));
        }
        return Row.of((Long) a.getField(0) + (Long) b.getField(0), (Long) a.getField(1) + (Long) b.getField(1),
                Math.min((Long) a.getField(2), (Long) b.getField(2)), Math.max((Long) a.getField(3), (Long) b.getField(3)));
    }

    /** A fired window's result as {@code (key, window_start, window_end, value)}. */
    public static final class Emit extends ProcessWindowFunction<Object, Row, Object, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(Object key, Context context, Iterable<Object> results, Collector<Row> out) {
            for (Object value : results) {
                out.collect(Row.of(key, context.window().getStart(), context.window().getEnd(), value));
            }
        }
    }
}
