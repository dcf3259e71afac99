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
 * Generates click events {@code (userId, loggedIn, ts)} exactly as the benchmark workload specifies. A
 * bounded run cuts {@code [0, events)} into one contiguous range per subtask; an unbounded one gives
 * subtask s the events {@code s, s+P, s+2P, ...}. Each range is a split whose position (the next event
 * number) is checkpointed, so a restore regenerates exactly the same events; after a rescale a subtask
 * may own several splits and works through them in turn.
 */
public final class DatagenClicksSource implements SourceOperator {
    public static final String TYPE = "datagen-clicks";
    public static final Schema SCHEMA = Schema.of(
            new Field("userId", FieldType.LONG), new Field("loggedIn", FieldType.BOOLEAN), new Field("ts", FieldType.LONG));

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SOURCE, "Click generator")
            .summary("Generates the benchmark's click events (userId, loggedIn, ts), reproducibly from a seed")
            .icon("mdi2c-cursor-default-click-outline")
            .stateful(true)
            .param(ParamDescriptor.builder("events", ParamType.LONG).label("Events").defaultValue(1_000_000L).min(0)
                    .summary("How many events to generate; 0 generates until the job is stopped").build())
            .param(ParamDescriptor.builder("users", ParamType.LONG).label("Users").defaultValue(1_000_000L).min(1)
                    .summary("Distinct user ids, 0 to users-1").build())
            .param(ParamDescriptor.builder("seed", ParamType.LONG).label("Seed").defaultValue(42L)
                    .summary("The same seed always gives the same events").build())
            .param(ParamDescriptor.builder("eventsPerSecond", ParamType.LONG).label("Events per second").defaultValue(0L).min(0)
                    .summary("Rate limit over all subtasks; 0 generates as fast as possible").build())
            .params(EventTimeParams.descriptors())
            .param(EventTimeParams.watermarkModeDescriptor())
            .schema(ctx -> {
                EventTimeParams.check(ctx, SCHEMA);
                return SCHEMA;
            })
            .factory(setup -> new DatagenClicksSource(setup.params()))
            .build();

    private final long events;
    private final long users;
    private final long seed;
    private final long eventsPerSecond;
    private int batchSize;
    private final NumberSplits splits = new NumberSplits();
    private RateLimiter limiter;

    private DatagenClicksSource(Params params) {
        this.events = params.getLong("events");
        this.users = params.getLong("users");
        this.seed = params.getLong("seed");
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
        splits.open(0, events, p, s);
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
        long[] userIds = batch.longs(0);
        boolean[] loggedIn = batch.booleans(1);
        long[] ts = batch.longs(2);
        long i = splits.next;
        long stride = splits.stride;
        long gammaStep = 2 * ClickEvents.GAMMA * stride;
        long z1 = seed + (2 * i + 1) * ClickEvents.GAMMA;
        for (int k = 0; k < n; k++) {
            userIds[k] = Long.remainderUnsigned(ClickEvents.mix64(z1), users);
            loggedIn[k] = Long.remainderUnsigned(ClickEvents.mix64(z1 + ClickEvents.GAMMA), 10) < 8;
            ts[k] = i;
            z1 += gammaStep;
            i += stride;
        }
        batch.setSize(n);
        splits.next = i;
        out.emit(batch);
        return splits.exhausted() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }

}
