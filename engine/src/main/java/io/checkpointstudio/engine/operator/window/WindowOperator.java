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
import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.Values;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
            .factory(setup -> new WindowOperator(setup.params(), setup.inputSchema(), setup.outputSchema(), setup.keyField()))
            .build();

    private final long size;
    private final long slide;
    private final boolean eventTime;
    private final String aggregate;
    private final Schema output;
    private final int keyColumn;
    private final int timeColumn;
    private final int valueColumn;
    private final boolean doubleValues;
    private final TreeMap<Long, Map<Object, Accumulator>> windowsByEnd = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    private int batchSize;
    private int maxParallelism;
    private CounterMetric lateDropped;

    private WindowOperator(Params params, Schema input, Schema output, String keyField) {
        this.size = params.getDuration("size").toMillis();
        this.slide = "SLIDING".equals(params.getEnum("kind")) ? params.getDuration("slide").toMillis() : size;
        this.eventTime = "EVENT".equals(params.getEnum("time"));
        this.aggregate = params.getEnum("aggregate");
        this.output = output;
        this.keyColumn = input.indexOf(keyField);
        this.timeColumn = eventTime ? input.indexOf(params.getString("timeField")) : -1;
        this.valueColumn = "COUNT".equals(aggregate) ? -1 : input.indexOf(params.getString("field"));
        this.doubleValues = valueColumn >= 0 && input.type(valueColumn) == FieldType.DOUBLE;
    }

    @Override
    public void restoreState(StateRestore restore) throws IOException {
        restore.readKeyGroups((keyGroup, in) -> {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                long end = in.readLong();
                Object key = Values.read(in);
                windowsByEnd.computeIfAbsent(end, e -> new LinkedHashMap<>()).put(key, Accumulator.read(in));
            }
        });
    }

    /** Captures a copy of every open window's accumulators; written by key group asynchronously. */
    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
        if (windowsByEnd.isEmpty()) {
            return null;
        }
        List<Object[]> copy = new ArrayList<>();
        for (Map.Entry<Long, Map<Object, Accumulator>> w : windowsByEnd.entrySet()) {
            for (Map.Entry<Object, Accumulator> e : w.getValue().entrySet()) {
                copy.add(new Object[] {w.getKey(), e.getKey(), e.getValue().copy()});
            }
        }
        int maxP = maxParallelism;
        return OperatorSnapshot.ofKeyed(out -> {
            TreeMap<Integer, List<Object[]>> byGroup = new TreeMap<>();
            for (Object[] entry : copy) {
                byGroup.computeIfAbsent(KeyGroups.keyGroupOf(entry[1], maxP), g -> new ArrayList<>()).add(entry);
            }
            for (Map.Entry<Integer, List<Object[]>> g : byGroup.entrySet()) {
                DataOutputStream section = out.beginKeyGroup(g.getKey());
                section.writeInt(g.getValue().size());
                for (Object[] entry : g.getValue()) {
                    section.writeLong((Long) entry[0]);
                    Values.write(section, entry[1]);
                    ((Accumulator) entry[2]).write(section);
                }
            }
        });
    }

    @Override
    public void open(OperatorContext context) {
        batchSize = context.batchSize();
        maxParallelism = context.maxParallelism();
        lateDropped = context.counter("numLateRecordsDropped");
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
                Accumulator acc = windowsByEnd.computeIfAbsent(end, e -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new Accumulator());
                if (valueColumn < 0) {
                    acc.addCount();
                } else if (doubleValues) {
                    acc.add(batch.doubles(valueColumn)[row]);
                } else {
                    acc.add(batch.longs(valueColumn)[row]);
                }
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
        Iterator<Map.Entry<Long, Map<Object, Accumulator>>> it = windowsByEnd.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Map<Object, Accumulator>> window = it.next();
            long end = window.getKey();
            if (end > upTo) {
                break;
            }
            for (Map.Entry<Object, Accumulator> e : window.getValue().entrySet()) {
                if (batch == null || batch.isFull()) {
                    if (batch != null) {
                        out.emit(batch);
                    }
                    batch = RecordBatch.allocate(output, batchSize);
                }
                int row = batch.size();
                batch.setValue(row, 0, e.getKey());
                batch.longs(1)[row] = end - size;
                batch.longs(2)[row] = end;
                batch.setValue(row, 3, e.getValue().result(aggregate, doubleValues));
                batch.setSize(row + 1);
            }
            it.remove();
        }
        if (batch != null) {
            out.emit(batch);
        }
    }


    /** The running aggregate of one key in one window. */
    private static final class Accumulator {
        long count;
        long longSum;
        long longMin = Long.MAX_VALUE;
        long longMax = Long.MIN_VALUE;
        double doubleSum;
        double doubleMin = Double.POSITIVE_INFINITY;
        double doubleMax = Double.NEGATIVE_INFINITY;

        Accumulator copy() {
            Accumulator c = new Accumulator();
            c.count = count;
            c.longSum = longSum;
            c.longMin = longMin;
            c.longMax = longMax;
            c.doubleSum = doubleSum;
            c.doubleMin = doubleMin;
            c.doubleMax = doubleMax;
            return c;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeLong(count);
            out.writeLong(longSum);
            out.writeLong(longMin);
            out.writeLong(longMax);
            out.writeDouble(doubleSum);
            out.writeDouble(doubleMin);
            out.writeDouble(doubleMax);
        }

        static Accumulator read(DataInputStream in) throws IOException {
            Accumulator a = new Accumulator();
            a.count = in.readLong();
            a.longSum = in.readLong();
            a.longMin = in.readLong();
            a.longMax = in.readLong();
            a.doubleSum = in.readDouble();
            a.doubleMin = in.readDouble();
            a.doubleMax = in.readDouble();
            return a;
        }

        void addCount() {
            count++;
        }

        void add(long v) {
            count++;
            longSum += v;
            longMin = Math.min(longMin, v);
            longMax = Math.max(longMax, v);
            doubleSum += v;
        }

        void add(double v) {
            count++;
            doubleSum += v;
            doubleMin = Math.min(doubleMin, v);
            doubleMax = Math.max(doubleMax, v);
        }

        Object result(String aggregate, boolean doubles) {
            return switch (aggregate) {
                case "COUNT" -> count;
                case "SUM" -> doubles ? (Object) doubleSum : (Object) longSum;
                case "MIN" -> doubles ? (Object) doubleMin : (Object) longMin;
                case "MAX" -> doubles ? (Object) doubleMax : (Object) longMax;
                case "AVG" -> count == 0 ? 0.0 : doubleSum / count;
                default -> throw new IllegalStateException(aggregate);
            };
        }
    }
}
