package io.checkpointstudio.engine.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count written by one thread (its subtask) and read by others (the metrics sampler). Opaque access
 * makes the value eventually visible to readers without the cost of a fence on every update.
 */
public final class Counter implements io.checkpointstudio.engine.operator.CounterMetric {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    /** Adds to the count; only the owning thread may call this. */
    @Override
    public void add(long n) {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + n);
    }

    /** Sets the count; only the owning thread may call this. */
    public void set(long n) {
        VALUE.setOpaque(this, n);
    }

    @Override
    public long get() {
        return (long) VALUE.getOpaque(this);
    }
}
