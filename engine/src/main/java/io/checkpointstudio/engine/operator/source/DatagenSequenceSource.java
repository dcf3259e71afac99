package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SourceOperator;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;

/**
 * Emits the numbers {@code from..to} (inclusive) as field {@code value}, or counts up from {@code from}
 * until stopped when {@code to} is not set. Bounded runs give each subtask one contiguous range.
 */
public final class DatagenSequenceSource implements SourceOperator {
    public static final String TYPE = "datagen-sequence";
    public static final Schema SCHEMA = Schema.of(new Field("value", FieldType.LONG));

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SOURCE, "Number sequence")
            .summary("Emits the numbers from..to as field value")
            .icon("mdi2n-numeric")
            .stateful(true)
            .param(ParamDescriptor.builder("from", ParamType.LONG).label("From").defaultValue(0L).summary("The first number").build())
            .param(ParamDescriptor.builder("to", ParamType.LONG).label("To")
                    .summary("The last number (inclusive); leave empty to count until the job is stopped").build())
            .param(ParamDescriptor.builder("eventsPerSecond", ParamType.LONG).label("Events per second").defaultValue(0L).min(0)
                    .summary("Rate limit over all subtasks; 0 emits as fast as possible").build())
            .params(EventTimeParams.descriptors())
            .param(EventTimeParams.watermarkModeDescriptor())
            .schema(ctx -> {
                Params p = ctx.params();
                if (p.isSet("to") && p.getLong("to") < p.getLong("from")) {
                    ctx.error("to", "must be at least from (" + p.getLong("from") + ")");
                }
                EventTimeParams.check(ctx, SCHEMA);
                return SCHEMA;
            })
            .factory(setup -> new DatagenSequenceSource(setup.params()))
            .build();

    private final long from;
    private final Long to;
    private final long eventsPerSecond;
    private int batchSize;
    private final NumberSplits splits = new NumberSplits();
    private RateLimiter limiter;

    private DatagenSequenceSource(Params params) {
        this.from = params.getLong("from");
        this.to = params.isSet("to") ? params.getLong("to") : null;
        this.eventsPerSecond = params.getLong("eventsPerSecond");
    }

    @Override
    public void restoreState(StateRestore restore) {
        splits.restore(restore);
    }

    @Override
    public void open(OperatorContext ctx) {
        int p = ctx.parallelism();
        int s = ctx.subtaskIndex();
        batchSize = ctx.batchSize();
        splits.open(from, to == null ? 0 : to - from + 1, p, s);
        limiter = new RateLimiter(eventsPerSecond / (double) p);
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
        return splits.snapshot();
    }

    @Override
    public Status emitNext(Output out) {
        if (!splits.hasMore()) {
            return Status.END_OF_INPUT;
        }
        long remaining = splits.remainingInSplit();
        int n = limiter.permits((int) Math.min(batchSize, remaining));
        if (n == 0) {
            return Status.NOTHING_AVAILABLE;
        }
        RecordBatch batch = RecordBatch.allocate(SCHEMA, n);
        long[] values = batch.longs(0);
        long next = splits.next;
        long stride = splits.stride;
        for (int k = 0; k < n; k++) {
            values[k] = next;
            next += stride;
        }
        splits.next = next;
        batch.setSize(n);
        out.emit(batch);
        return splits.exhausted() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }

}
