package io.checkpointstudio.flink.translate;

import io.checkpointstudio.engine.connector.postgres.PostgresSink;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import io.checkpointstudio.engine.operator.source.EventTimeParams;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.connectors.kafka.KafkaSinks;
import io.checkpointstudio.flink.connectors.kafka.KafkaSources;
import io.checkpointstudio.flink.connectors.postgres.PostgresSinks;
import io.checkpointstudio.flink.tasks.EngineOperator;
import io.checkpointstudio.flink.tasks.EventTimeField;
import io.checkpointstudio.flink.tasks.FieldKey;
import io.checkpointstudio.flink.tasks.Generators;
import io.checkpointstudio.flink.tasks.LineParsing;
import io.checkpointstudio.flink.tasks.NumberedLines;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import io.checkpointstudio.flink.tasks.PerRecordWatermarks;
import io.checkpointstudio.flink.tasks.Rows;
import io.checkpointstudio.flink.tasks.RunningAggregate;
import io.checkpointstudio.flink.tasks.WindowAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Row;

/**
 * Turns a validated job into a Flink DataStream pipeline, operator by operator in topological order, each
 * named and given a uid after its id (so Flink's web UI, REST API and savepoints use the document's ids):
 *
 * <ul>
 *   <li>datagen-clicks and datagen-sequence: Flink's {@code DataGeneratorSource} (checkpointed split
 *       positions, the same rate limit) mapping sequence number i to the engine's record i;</li>
 *   <li>file-source: Flink's {@code FileSource} of numbered text lines ({@link NumberedLines}), parsed by the
 *       engine's line parser ({@link LineParsing});</li>
 *   <li>kafka-source: Flink's {@code KafkaSource} (flink-connector-kafka), each value parsed by the engine's
 *       line parser ({@link KafkaSources});</li>
 *   <li>an event-time field on a source: {@code WatermarkStrategy.forBoundedOutOfOrderness}, with
 *       {@code withIdleness} for a kafka-source's idleTimeout (per-partition watermarks, as the engine's), or
 *       {@link PerRecordWatermarks} for {@code watermarkMode: PER_RECORD};</li>
 *   <li>filter, map, flat-map and the print, collect, checksum and file sinks: the engine's own operator,
 *       created through its descriptor, in an {@link EngineOperator};</li>
 *   <li>key-by: {@code keyBy} on the field ({@link FieldKey}: a null key fails naming the key-by and the
 *       field, as on the engine); sum, count, min, max, reduce: a keyed process function over Flink keyed
 *       state; window: Flink's tumbling or sliding event- or processing-time windows;</li>
 *   <li>kafka-sink: Flink's {@code KafkaSink}, each row as the engine's JSON ({@link KafkaSinks});</li>
 *   <li>postgres-sink: the JDBC connector's sink (flink-connector-jdbc), at least once or exactly once
 *       through XA, with the engine's SQL ({@link PostgresSinks}).</li>
 * </ul>
 *
 * <p>Every operator type has a translation (a new type without one fails the translation, naming it).
 * {@link #checkSupported} refuses a postgres-sink with mode APPEND and semantic EXACTLY_ONCE, which the
 * JDBC connector cannot keep exactly once ({@link PostgresSinks#limitation}).
 */
public final class FlinkTranslator {
    private static final Set<String> ENGINE_OPERATORS = Set.of("filter", "map", "flat-map", "print", "collect",
            "checksum-sink", "file-sink");

    /**
     * The steps each operator's output comes from: its own step, or for a key-by (which is not a step of its
     * own: the keyed operator after it does the keyBy) the steps feeding it.
     */
    private final Map<String, List<DataStream<Row>>> outputs = new HashMap<>();
    private final ValidatedJob job;

    private FlinkTranslator(ValidatedJob job) {
        this.job = job;
    }

    /**
     * Checks that every operator has a translation that keeps its guarantees; the message of the first one
     * that has none.
     */
    public static void checkSupported(ValidatedJob job) throws FlinkTranslationException {
        for (ValidatedOperator op : job.operators()) {
            if (op.descriptor().type().equals(PostgresSink.TYPE)) {
                Optional<String> limitation = PostgresSinks.limitation(op);
                if (limitation.isPresent()) {
                    throw new FlinkTranslationException(limitation.get());
                }
            }
        }
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void translate(ValidatedJob job, StreamExecutionEnvironment env) throws FlinkTranslationException {
        checkSupported(job);
        new FlinkTranslator(job).addAll(env);
    }

    private void addAll(StreamExecutionEnvironment env) throws FlinkTranslationException {
        for (ValidatedOperator op : job.operators()) {
            String type = op.descriptor().type();
            if (op.descriptor().isSource()) {
                outputs.put(op.id(), List.of(source(job, op, env)));
            } else if (op.isKeyBy()) {
                outputs.put(op.id(), inputSteps(op)); // planned into the keyed operator after it
            } else if (op.descriptor().keyed()) {
                outputs.put(op.id(), List.of(keyed(op)));
            } else if (type.equals("kafka-sink")) {
                input(op).sinkTo(KafkaSinks.from(op, job.document().name())).name(op.id()).uid(op.id()).setParallelism(op.parallelism());
            } else if (type.equals("postgres-sink")) {
                input(op).sinkTo(PostgresSinks.from(op)).name(op.id()).uid(op.id()).setParallelism(op.parallelism());
            } else if (ENGINE_OPERATORS.contains(type)) {
                SingleOutputStreamOperator<Row> out = input(op).transform(op.id(), Rows.typeOf(outputSchema(op)),
                        new EngineOperator(OperatorSpecs.of(op))).uid(op.id()).setParallelism(op.parallelism());
                if (op.descriptor().isSink()) {
                    out.sinkTo(new DiscardingSink<>()).name(op.id() + " (end)").setParallelism(op.parallelism());
                }
                outputs.put(op.id(), List.of(out));
            } else {
                throw new FlinkTranslationException("operator type '" + type + "' of '" + op.id() + "' has no Flink translation");
            }
        }
    }

    private static Schema outputSchema(ValidatedOperator op) {
        return op.descriptor().isSink() ? op.inputSchema() : op.outputSchema();
    }

    /**
     * The input of an operator that is not keyed (a keyed one keys its input itself): its upstream steps as one
     * stream, partitioned by key where they come through a key-by, as on the engine.
     */
    private DataStream<Row> input(ValidatedOperator op) {
        List<DataStream<Row>> ins = new ArrayList<>();
        for (String id : op.inputs()) {
            ValidatedOperator upstream = job.operator(id).orElseThrow();
            if (upstream.isKeyBy()) {
                String field = upstream.params().getString(KeyByOperator.KEY);
                KeyedStream<Row, Object> keyed = union(outputs.get(id)).keyBy(
                        new FieldKey(upstream.inputSchema().indexOf(field), id, field), keyType(upstream.inputSchema(), field));
                ins.add(new DataStream<>(keyed.getExecutionEnvironment(), keyed.getTransformation())); // partitioned, not a keyed operator
            } else {
                ins.addAll(outputs.get(id));
            }
        }
        return union(ins);
    }

    @SuppressWarnings("unchecked")
    private static TypeInformation<Object> keyType(Schema schema, String field) {
        return (TypeInformation<Object>) Rows.typeOf(schema.type(schema.indexOf(field)));
    }

    /** The steps whose records reach the operator, through any key-by between them. */
    private List<DataStream<Row>> inputSteps(ValidatedOperator op) {
        List<DataStream<Row>> ins = new ArrayList<>();
        for (String id : op.inputs()) {
            ins.addAll(outputs.get(id));
        }
        return ins;
    }

    private static DataStream<Row> union(List<DataStream<Row>> ins) {
        DataStream<Row> first = ins.get(0);
        if (ins.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<Row>[] rest = ins.subList(1, ins.size()).toArray(DataStream[]::new);
        return first.union(rest);
    }

    private DataStream<Row> source(ValidatedJob job, ValidatedOperator op, StreamExecutionEnvironment env) throws FlinkTranslationException {
        Params p = op.params();
        RowTypeInfo type = Rows.typeOf(op.outputSchema());
        WatermarkStrategy<Row> watermarks = watermarks(op);
        DataStream<Row> stream;
        switch (op.descriptor().type()) {
            case "datagen-clicks" -> {
                long events = p.getLong("events");
                stream = env.fromSource(new DataGeneratorSource<>(new Generators.Clicks(p.getLong("seed"), p.getLong("users")),
                        events == 0 ? Long.MAX_VALUE : events, rate(p), type), watermarks, op.id());
            }
            case "datagen-sequence" -> {
                long from = p.getLong("from");
                long count = p.isSet("to") ? p.getLong("to") - from + 1 : Long.MAX_VALUE;
                stream = env.fromSource(new DataGeneratorSource<>(new Generators.Sequence(from), count, rate(p), type),
                        watermarks, op.id());
            }
            case "file-source" -> {
                FileSource<Tuple3<String, Long, String>> files = FileSource.forBulkFileFormat(new NumberedLines(),
                        new Path(java.nio.file.Path.of(p.getString("path")).toAbsolutePath().toUri())).build();
                stream = env.fromSource(files, WatermarkStrategy.noWatermarks(), op.id() + " (lines)")
                        .setParallelism(op.parallelism())
                        .flatMap(new LineParsing(OperatorSpecs.of(op)), type).name(op.id() + " (parse)").uid(op.id() + "-parse")
                        .setParallelism(op.parallelism())
                        .assignTimestampsAndWatermarks(watermarks).name(op.id() + " (watermarks)");
            }
            case "kafka-source" -> stream = env.fromSource(KafkaSources.from(op, job.document().name()), watermarks, op.id());
            default -> throw new FlinkTranslationException("source type '" + op.descriptor().type() + "' of '" + op.id() + "' has no Flink translation");
        }
        if (stream instanceof SingleOutputStreamOperator<Row> s) {
            s.uid(op.id()).setParallelism(op.parallelism());
        }
        return stream;
    }

    @SuppressWarnings("unchecked")
    private static RateLimiterStrategy<org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit> rate(Params p) {
        long perSecond = p.getLong("eventsPerSecond");
        return perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp();
    }

    /**
     * A source's event time: bounded out-of-orderness watermarks over its event-time field, periodic or after
     * every record ({@code watermarkMode}), or none; a source with an idle timeout (kafka-source) marks a split
     * without records for that long idle.
     */
    private static WatermarkStrategy<Row> watermarks(ValidatedOperator op) {
        String field = op.params().getString(EventTimeParams.EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            return WatermarkStrategy.noWatermarks();
        }
        Duration outOfOrderness = op.params().getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        Duration bound = outOfOrderness == null ? Duration.ZERO : outOfOrderness;
        WatermarkStrategy<Row> strategy = (EventTimeParams.perRecord(op.params())
                ? WatermarkStrategy.forGenerator(PerRecordWatermarks.supplier(bound.toMillis()))
                : WatermarkStrategy.<Row>forBoundedOutOfOrderness(bound))
                .withTimestampAssigner(new EventTimeField(op.outputSchema().indexOf(field)));
        Duration idle = op.params().getDuration(EventTimeParams.IDLE_TIMEOUT);
        return idle == null || idle.isZero() ? strategy : strategy.withIdleness(idle);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DataStream<Row> keyed(ValidatedOperator op) {
        DataStream<Row> in = union(inputSteps(op));
        Schema input = op.inputSchema();
        int keyIndex = input.indexOf(op.keyField());
        TypeInformation<Object> keyType = keyType(input, op.keyField());
        FieldKey key = new FieldKey(keyIndex, op.inputs().get(0), op.keyField()); // its one input is the key-by
        RowTypeInfo outType = Rows.typeOf(op.outputSchema());
        Params p = op.params();
        String type = op.descriptor().type();
        if (type.equals("window")) {
            boolean eventTime = "EVENT".equals(p.getEnum("time"));
            if (eventTime) {
                in = withEventTime(op, input.indexOf(p.getString("timeField")));
            }
            KeyedStream<Row, Object> keyedStream = in.keyBy(key, keyType);
            String aggregate = p.getEnum("aggregate");
            int valueIndex = "COUNT".equals(aggregate) ? -1 : input.indexOf(p.getString("field"));
            boolean doubles = valueIndex >= 0 && input.type(valueIndex) == FieldType.DOUBLE;
            TypeInformation<Row> accType = Types.ROW(Types.LONG, doubles ? Types.DOUBLE : Types.LONG,
                    doubles ? Types.DOUBLE : Types.LONG, doubles ? Types.DOUBLE : Types.LONG);
            TypeInformation<Object> resultType = (TypeInformation<Object>) Rows.typeOf(op.outputSchema().type(3));
            return keyedStream.window(assigner(p, eventTime))
                    .aggregate(new WindowAggregate(aggregate, valueIndex, doubles), new WindowAggregate.Emit(),
                            accType, resultType, (TypeInformation) outType)
                    .name(op.id()).uid(op.id()).setParallelism(op.parallelism());
        }
        RunningAggregate.Kind kind = RunningAggregate.Kind.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        int valueIndex = kind == RunningAggregate.Kind.COUNT ? -1 : input.indexOf(p.getString("field"));
        FieldType valueType = valueIndex < 0 ? FieldType.LONG : input.type(valueIndex);
        return in.keyBy(key, keyType)
                .process(new RunningAggregate(kind, valueIndex, valueType, p.getString("expression")), outType)
                .name(op.id()).uid(op.id()).setParallelism(op.parallelism());
    }

    /**
     * The window's input with each record's timestamp taken from the window's time field: one step behind
     * every step feeding the window, at that step's parallelism, so it is chained to it and each key's
     * records reach the window in the order they were produced (a step at another parallelism would deal
     * them round-robin over its subtasks and let them overtake each other).
     */
    private DataStream<Row> withEventTime(ValidatedOperator op, int timeIndex) {
        List<DataStream<Row>> stamped = new ArrayList<>();
        for (DataStream<Row> step : inputSteps(op)) {
            stamped.add(step.transform(op.id() + " (event time)", step.getType(), new EventTimeField(timeIndex))
                    .setParallelism(step.getParallelism()));
        }
        return union(stamped);
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
}
