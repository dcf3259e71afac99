package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.typeInfo;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.tasks.EventTimeField;
import io.checkpointstudio.flink.tasks.Rows;
import io.checkpointstudio.flink.tasks.WindowAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Row;

/**
 * window: Flink's tumbling or sliding event- or processing-time windows per key with the engine's aggregate
 * ({@link WindowAggregate}: count, sum, min, max, avg over an accumulator {@code (count, sum, min, max)}) and
 * output {@code (key, window_start, window_end, value)}. An event-time window reads each record's time from
 * its own time field, as the engine's does.
 */
final class WindowTranslation implements OperatorTranslation {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        Params p = op.params();
        Schema input = op.inputSchema();
        boolean eventTime = "EVENT".equals(p.getEnum("time"));
        DataStream<Row> in = eventTime
                ? withEventTime(pipeline, op, input.indexOf(p.getString("timeField")))
                : FlinkPipeline.union(pipeline.inputSteps(op));
        String aggregate = p.getEnum("aggregate");
        int valueIndex = "COUNT".equals(aggregate) ? -1 : input.indexOf(p.getString("field"));
        boolean doubles = valueIndex >= 0 && input.type(valueIndex) == FieldType.DOUBLE;
        TypeInformation<Row> accType = Types.ROW(Types.LONG, doubles ? Types.DOUBLE : Types.LONG,
                doubles ? Types.DOUBLE : Types.LONG, doubles ? Types.DOUBLE : Types.LONG);
        TypeInformation<Object> resultType = (TypeInformation<Object>) Rows.typeOf(op.outputSchema().type(3));
        pipeline.output(op, FlinkPipeline.keyBy(in, op).window(assigner(p, eventTime))
                .aggregate(new WindowAggregate(aggregate, valueIndex, doubles), new WindowAggregate.Emit(),
                        accType, resultType, (TypeInformation) Rows.typeOf(op.outputSchema()))
                .name(op.id()).uid(op.id()).setParallelism(op.parallelism()));
    }

    /**
     * The window's input with each record's timestamp taken from the window's time field: one step behind
     * every step feeding the window, at that step's parallelism, so it is chained to it and each key's
     * records reach the window in the order they were produced (a step at another parallelism would deal
     * them round-robin over its subtasks and let them overtake each other).
     */
    private static DataStream<Row> withEventTime(FlinkPipeline pipeline, ValidatedOperator op, int timeIndex) {
        List<DataStream<Row>> stamped = new ArrayList<>();
        for (DataStream<Row> step : pipeline.inputSteps(op)) {
            stamped.add(step.transform(op.id() + " (event time)", step.getType(), new EventTimeField(timeIndex))
                    .setParallelism(step.getParallelism()));
        }
        return FlinkPipeline.union(stamped);
    }

    private static WindowAssigner<Object, TimeWindow> assigner(Params p, boolean eventTime) {
        Duration size = p.getDuration("size");
        boolean sliding = "SLIDING".equals(p.getEnum("kind"));
        Duration slide = sliding ? p.getDuration("slide") : size;
        if (eventTime) {
            return sliding ? SlidingEventTimeWindows.of(size, slide) : TumblingEventTimeWindows.of(size);
        }
        return sliding ? SlidingProcessingTimeWindows.of(size, slide) : TumblingProcessingTimeWindows.of(size);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        Schema in = op.inputSchema();
        boolean event = "EVENT".equals(p.getEnum("time"));
        boolean sliding = "SLIDING".equals(p.getEnum("kind"));
        Duration size = p.getDuration("size");
        Duration slide = sliding ? p.getDuration("slide") : size;
        String assigner = (sliding ? "Sliding" : "Tumbling") + (event ? "EventTime" : "ProcessingTime") + "Windows.of(Duration.ofMillis("
                + size.toMillis() + ")" + (sliding ? ", Duration.ofMillis(" + slide.toMillis() + ")" : "") + ")";
        String aggregate = p.getEnum("aggregate");
        int value = "COUNT".equals(aggregate) ? -1 : in.indexOf(p.getString("field"));
        boolean doubles = value >= 0 && in.type(value) == FieldType.DOUBLE;
        if (event) {
            code.line(2, "// event time: the records' timestamps come from the source's event-time field "
                    + "(here the window names '" + p.getString("timeField") + "')");
        }
        code.line(2, "DataStream<Row> " + code.variable(op) + " = " + code.input(op) + ".window(" + assigner + ")");
        code.line(4, ".aggregate(new WindowAggregate(" + str(aggregate) + ", " + value + ", " + doubles + "), new WindowEmit<>(),");
        code.line(6, "WindowAggregate.type(" + doubles + "), WindowAggregate.result(" + typeInfo(op.outputSchema().type(3)) + "), "
                + type(op.outputSchema()) + ")");
        code.line(4, ".name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
