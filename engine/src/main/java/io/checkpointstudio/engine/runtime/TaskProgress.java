package io.checkpointstudio.engine.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which operator of its chain a subtask's thread is processing a batch in, and a count of steps that moves
 * each time it enters or leaves one. Written by the subtask's thread only, twice per operator and batch
 * (opaque stores, no fence), read by the {@link NoProgressWatchdog}: nothing per record.
 */
final class TaskProgress {
    private static final VarHandle OPERATOR;
    private static final VarHandle STEPS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OPERATOR = lookup.findVarHandle(TaskProgress.class, "operator", int.class);
            STEPS = lookup.findVarHandle(TaskProgress.class, "steps", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through OPERATOR
    private int operator = -1;
    @SuppressWarnings("unused") // accessed through STEPS
    private long steps;

    /** The thread hands a batch to operator {@code index} of the chain; returns the one it was in (-1: none). */
    int enter(int index) {
        int outer = (int) OPERATOR.getOpaque(this);
        OPERATOR.setOpaque(this, index);
        STEPS.setOpaque(this, (long) STEPS.getOpaque(this) + 1);
        return outer;
    }

    /** The operator returned; the thread is back in {@code outer}. */
    void leave(int outer) {
        OPERATOR.setOpaque(this, outer);
        STEPS.setOpaque(this, (long) STEPS.getOpaque(this) + 1);
    }

    /** The chain index of the operator processing a batch now, or -1 when the thread is in none. */
    int operator() {
        return (int) OPERATOR.getOpaque(this);
    }

    long steps() {
        return (long) STEPS.getOpaque(this);
    }
}
