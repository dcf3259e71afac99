package io.checkpointstudio.engine.operator.sink;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.state.LongLongHashMap;
import java.util.List;

/**
 * Discards records but remembers the latest value per key, and at the end reports how many records came,
 * the sum of the latest values and the sum of key × latest value. Put it after a keyed running aggregate
 * to check a job's results exactly (the benchmark's result check), also after failures and restores.
 */
public final class ChecksumSink implements StreamOperator {
    public static final String TYPE = "checksum-sink";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "Checksum sink")
            .summary("Counts records and checksums the latest value per key")
            .icon("mdi2c-check-decagram")
            .exactlyOnceSink()
            .inputs(1, 1)
            .param(ParamDescriptor.builder("keyField", ParamType.FIELD).label("Key field").required()
                    .summary("A long field identifying the key").build())
            .param(ParamDescriptor.builder("valueField", ParamType.FIELD).label("Value field").required()
                    .summary("A long field whose latest value per key is summed").build())
            .param(ParamDescriptor.builder("keyBound", ParamType.LONG).label("Key bound").defaultValue(0L).range(0, 1L << 28)
                    .summary("If keys are known to lie in [0, bound), a dense array holds the values (faster); 0 uses a hash map").build())
            .schema(ctx -> {
                ctx.requireField("keyField", ctx.params().getString("keyField"), FieldType.LONG);
                ctx.requireField("valueField", ctx.params().getString("valueField"), FieldType.LONG);
                return ctx.input();
            })
            .factory(setup -> new ChecksumSink(setup.inputSchema().indexOf(setup.params().getString("keyField")),
                    setup.inputSchema().indexOf(setup.params().getString("valueField")), setup.params().getLong("keyBound")))
            .build();

    /** The figures of one subtask, or of all combined. */
    public record Checksum(long records, long checksum, long weightedChecksum, long keys) {
        public static Checksum combine(List<Object> results) {
            long records = 0;
            long sum = 0;
            long weighted = 0;
            long keys = 0;
            for (Object r : results) {
                Checksum c = (Checksum) r;
                records += c.records;
                sum += c.checksum;
                weighted += c.weightedChecksum;
                keys += c.keys;
            }
            return new Checksum(records, sum, weighted, keys);
        }
    }

    private final int keyColumn;
    private final int valueColumn;
    private final int keyBound;
    private long[] dense;
    private LongLongHashMap sparse;
    private long records;

    private ChecksumSink(int keyColumn, int valueColumn, long keyBound) {
        this.keyColumn = keyColumn;
        this.valueColumn = valueColumn;
        this.keyBound = (int) keyBound;
    }

    /** What the sink has seen; kept across restarts like an external system's table, never checkpointed. */
    private static final class Seen {
        long[] dense;
        LongLongHashMap sparse;
        long records;
    }

    private Seen seen;

    @Override
    public void open(OperatorContext context) {
        seen = context.jobScoped("seen", Seen::new);
        if (keyBound > 0 && seen.dense == null) {
            seen.dense = new long[keyBound];
        } else if (keyBound == 0 && seen.sparse == null) {
            seen.sparse = new LongLongHashMap(1024);
        }
        dense = seen.dense;
        sparse = seen.sparse;
        records = seen.records;
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        long[] keys = batch.longs(keyColumn);
        long[] values = batch.longs(valueColumn);
        int n = batch.size();
        if (dense != null) {
            long[] last = dense;
            for (int i = 0; i < n; i++) {
                long k = keys[i];
                if (k < 0 || k >= last.length) {
                    throw new IllegalArgumentException("key " + k + " is outside [0, keyBound=" + last.length + "); raise keyBound or set it to 0");
                }
                last[(int) k] = values[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                sparse.put(keys[i], values[i]);
            }
        }
        records += n;
        seen.records = records;
    }

    @Override
    public Object result() {
        long sum = 0;
        long weighted = 0;
        long keys = 0;
        if (dense != null) {
            for (int u = 0; u < dense.length; u++) {
                long v = dense[u];
                if (v != 0) {
                    sum += v;
                    weighted += u * v;
                    keys++;
                }
            }
        } else {
            long[] acc = new long[3];
            sparse.forEach((k, v) -> {
                acc[0] += v;
                acc[1] += k * v;
                acc[2]++;
            });
            sum = acc[0];
            weighted = acc[1];
            keys = acc[2];
        }
        return new Checksum(records, sum, weighted, keys);
    }
}
