package io.checkpointstudio.engine.operator.window;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.CounterMetric;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.state.FieldSerializer;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedStateBackend;
import io.checkpointstudio.engine.state.MapState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.RowSerializer;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.StateSerializer;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyed tumbling or sliding windows in event time or processing time, aggregating one field per key and
 * window (count, sum, min, max, avg), as Flink's {@code keyBy(..).window(..).aggregate(..)}. A window
 * {@code [start, end)} fires when the watermark reaches {@code end - 1} (event time) or the clock passes
 * {@code end} (processing time), emitting {@code (key, window_start, window_end, value)}. An event-time
 * record whose every window has already fired is late: it is dropped and counted in
 * {@code numLateRecordsDropped}.
 */
public final class WindowOperator implements StreamOperator {
    public static final String TYPE = "window";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.WINDOW, "Window")
            .summary("Aggregates per key over tumbling or sliding time windows")
            .icon("mdi2w-window-maximize")
            .param(ParamDescriptor.builder("kind", ParamType.ENUM).label("Kind").values("TUMBLING", "SLIDING").defaultValue("TUMBLING")
                    .summary("Tumbling windows do not overlap; sliding windows start every slide").build())
            .param(ParamDescriptor.builder("size", ParamType.DURATION).label("Size").required().min(1)
                    .summary("The length of each window, such as 1min").build())
            .param(ParamDescriptor.builder("slide", ParamType.DURATION).label("Slide").min(1)
                    .summary("Sliding windows: how often a new window starts (at most the size)").build())
            .param(ParamDescriptor.builder("time", ParamType.ENUM).label("Time").values("EVENT", "PROCESSING").defaultValue("EVENT")
                    .summary("EVENT uses each record's timestamp and the watermarks; PROCESSING uses the wall clock").build())
            .param(ParamDescriptor.builder("timeField", ParamType.FIELD).label("Event-time field")
                    .summary("Event time: the long field with each record's time in epoch milliseconds").build())
            .param(ParamDescriptor.builder("aggregate", ParamType.ENUM).label("Aggregate").values("COUNT", "SUM", "MIN", "MAX", "AVG").defaultValue("COUNT")
                    .summary("What to compute per key and window").build())
            .param(ParamDescriptor.builder("field", ParamType.FIELD).label("Field")
                    .summary("The long or double field to aggregate (not needed for COUNT)").build())
            .schema(ctx -> {
                Params p = ctx.params();
                Field key = ctx.input().find(ctx.keyField()).orElse(null);
                boolean event = "EVENT".equals(p.getEnum("time"));
                if (event) {
                    if (!p.isSet("timeField")) {
                        ctx.error("timeField", "is required for event-time windows: name the long field holding each record's time");
                    } else {
                        ctx.requireField("timeField", p.getString("timeField"), FieldType.LONG);
                    }
                }
                if ("SLIDING".equals(p.getEnum("kind"))) {
                    if (!p.isSet("slide")) {
                        ctx.error("slide", "is required for sliding windows");
                    } else if (p.getDuration("slide").compareTo(p.getDuration("size")) > 0) {
                        ctx.error("slide", "must not be longer than the size (" + p.getString("size") + "); records would fall between windows");
                    }
                } else if (p.isSet("slide")) {
                    ctx.warning("slide", "only sliding windows use a slide; tumbling windows ignore it");
                }
                String aggregate = p.getEnum("aggregate");
                FieldType valueType = FieldType.LONG;
                if (!"COUNT".equals(aggregate)) {
                    if (!p.isSet("field")) {
                        ctx.error("field", "is required for " + aggregate + ": name the long or double field to aggregate");
                        return null;
                    }
                    Field f = ctx.requireField("field", p.getString("field"), FieldType.LONG, FieldType.DOUBLE);
                    if (f == null) {
                        return null;
                    }
                    valueType = "AVG".equals(aggregate) ? FieldType.DOUBLE : f.type();
                }
                if (key == null) {
                    return null;
                }
                String valueName = "COUNT".equals(aggregate) ? "count" : aggregate.toLowerCase() + "_" + p.getString("field");
                return Schema.of(key, new Field("window_start", FieldType.LONG), new Field("window_end", FieldType.LONG),
                        new Field(valueName, valueType));
            })
            .factory(WindowOperator::new)
            .build();

    static final String STATE = "windows";

    private final long size;
    private final long slide;
    private final boolean eventTime;
    private final String aggregate;
    private final Schema output;
    private final int keyColumn;
    private final FieldType keyType;
    private final int timeColumn;
    private final int valueColumn;
    private final boolean doubleValues;
    private final KeyedBackendSpec backendSpec;
    private StateRestore restore;
    private KeyedStateBackend backend;
    /** Per key and window end, the accumulator row {@code (count, sum, min, max)}. */
    private MapState<Object, Long, Object[]> windows;
    /**
     * The keys with an open window, by window end: the timers. Not snapshotted: every open window has an
     * accumulator in {@link #windows}, so a restore rebuilds them from the state.
     */
    private final TreeMap<Long, LinkedHashSet<Object>> timers = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    private int batchSize;
    private CounterMetric lateDropped;

    private WindowOperator(OperatorSetup setup) {
        Params params = setup.params();
        Schema input = setup.inputSchema();
        this.size = params.getDuration("size").toMillis();
        this.slide = "SLIDING".equals(params.getEnum("kind")) ? params.getDuration("slide").toMillis() : size;
        this.eventTime = "EVENT".equals(params.getEnum("time"));
        this.aggregate = params.getEnum("aggregate");
        this.output = setup.outputSchema();
        this.keyColumn = input.indexOf(setup.keyField());
        this.keyType = input.type(keyColumn);
        this.timeColumn = eventTime ? input.indexOf(params.getString("timeField")) : -1;
        this.valueColumn = "COUNT".equals(aggregate) ? -1 : input.indexOf(params.getString("field"));
        this.doubleValues = valueColumn >= 0 && input.type(valueColumn) == FieldType.DOUBLE;
        this.backendSpec = setup.stateBackend();
    }

    /** The accumulator row's fields; sum, min and max have the type of the aggregated field. */
    private RowSerializer accumulatorSerializer() {
        FieldType t = doubleValues ? FieldType.DOUBLE : FieldType.LONG;
        return RowSerializer.of(new Field("count", FieldType.LONG), new Field("sum", t), new Field("min", t), new Field("max", t));
    }

    @Override
    public void restoreState(StateRestore restore) {
        this.restore = restore;
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws IOException {
        return snapshotState(checkpointId, false);
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId, boolean savepoint) throws IOException {
        return backend.snapshot(checkpointId, savepoint);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        backend.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        backend.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void open(OperatorContext context) throws IOException {
        batchSize = context.batchSize();
        lateDropped = context.counter("numLateRecordsDropped");
        KeyedBackendSpec spec = backendSpec != null ? backendSpec
                : KeyedBackendSpec.heap(context.firstKeyGroup(), context.lastKeyGroup(), context.maxParallelism());
        backend = KeyedStateBackend.create(spec, restore);
        restore = null;
        windows = backend.mapState(STATE, StateSerializer.of(keyType), FieldSerializer.LONG, accumulatorSerializer());
        windows.forEach((key, end, acc) -> timers.computeIfAbsent(end, e -> new LinkedHashSet<>()).add(key));
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Override
    public long processingTimeIntervalMillis() {
        return eventTime ? 0 : Math.max(1, Math.min(100, slide / 4));
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        long now = System.currentTimeMillis();
        for (int row = 0; row < batch.size(); row++) {
            long ts = eventTime ? batch.longs(timeColumn)[row] : now;
            Object key = batch.value(row, keyColumn);
            boolean assigned = false;
            long lastStart = ts - Math.floorMod(ts, slide);
            for (long start = lastStart; start > ts - size; start -= slide) {
                long end = start + size;
                if (eventTime && end - 1 <= watermark) {
                    continue;
                }
                Object[] acc = windows.get(key, end);
                if (acc == null) {
                    timers.computeIfAbsent(end, e -> new LinkedHashSet<>()).add(key);
                    acc = emptyAccumulator();
                }
                windows.put(key, end, valueColumn < 0 ? addCount(acc)
                        : doubleValues ? add(acc, batch.doubles(valueColumn)[row]) : add(acc, batch.longs(valueColumn)[row]));
                assigned = true;
            }
            if (!assigned && eventTime) {
                lateDropped.add(1);
            }
        }
    }

    @Override
    public void processWatermark(long newWatermark, Output out) {
        if (eventTime) {
            // Processing-time windows follow the clock only; a watermark never fires them (as in Flink).
            watermark = newWatermark;
            fire(newWatermark == Long.MAX_VALUE ? Long.MAX_VALUE : newWatermark + 1, out);
        }
        out.emitWatermark(newWatermark);
    }

    @Override
    public void onProcessingTime(long nowMillis, Output out) {
        fire(nowMillis, out);
    }

    @Override
    public void endOfInput(Output out) {
        fire(Long.MAX_VALUE, out);
    }

    /** Emits and forgets every window whose end is at or before {@code upTo}, oldest first. */
    private void fire(long upTo, Output out) {
        RecordBatch batch = null;
        Iterator<Map.Entry<Long, LinkedHashSet<Object>>> it = timers.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, LinkedHashSet<Object>> timer = it.next();
            long end = timer.getKey();
            if (end > upTo) {
                break;
            }
            for (Object key : timer.getValue()) {
                Object[] acc = windows.get(key, end);
                if (acc == null) {
                    continue;
                }
                windows.remove(key, end);
                if (batch == null || batch.isFull()) {
                    if (batch != null) {
                        out.emit(batch);
                    }
                    batch = RecordBatch.allocate(output, batchSize);
                }
                int row = batch.size();
                batch.setValue(row, 0, key);
                batch.longs(1)[row] = end - size;
                batch.longs(2)[row] = end;
                batch.setValue(row, 3, result(acc));
                batch.setSize(row + 1);
            }
            it.remove();
        }
        if (batch != null) {
            out.emit(batch);
        }
    }

    private Object[] emptyAccumulator() {
        return doubleValues ? new Object[] {0L, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}
                : new Object[] {0L, 0L, Long.MAX_VALUE, Long.MIN_VALUE};
    }

    /** Accumulators are values of the state: every update makes a new row (a snapshot may still hold the old one). */
    private static Object[] addCount(Object[] acc) {
        return new Object[] {(Long) acc[0] + 1, acc[1], acc[2], acc[3]};
    }

    private static Object[] add(Object[] acc, long v) {
        return new Object[] {(Long) acc[0] + 1, (Long) acc[1] + v, Math.min((Long) acc[2], v), Math.max((Long) acc[3], v)};
    }

    private static Object[] add(Object[] acc, double v) {
        return new Object[] {(Long) acc[0] + 1, (Double) acc[1] + v, Math.min((Double) acc[2], v), Math.max((Double) acc[3], v)};
    }

    private Object result(Object[] acc) {
        long count = (Long) acc[0];
        return switch (aggregate) {
            case "COUNT" -> count;
            case "SUM" -> acc[1];
            case "MIN" -> acc[2];
            case "MAX" -> acc[3];
            case "AVG" -> count == 0 ? 0.0 : ((Number) acc[1]).doubleValue() / count;
            default -> throw new IllegalStateException(aggregate);
        };
    }
}
