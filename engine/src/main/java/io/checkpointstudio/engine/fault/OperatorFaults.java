package io.checkpointstudio.engine.fault;

import java.util.concurrent.locks.LockSupport;

/**
 * The faults aimed at one operator subtask, consulted once per batch on its thread. Fields are volatile so
 * the injector (CLI, UI, tests) can change them while the job runs.
 */
public final class OperatorFaults {
    private final FaultInjector injector;
    private final String operatorId;
    private final int subtask;
    private final int parallelism;
    volatile long failAfterRecords = -1;
    volatile boolean failNow;
    volatile long slowMicrosPerRecord;
    private long processed;

    OperatorFaults(FaultInjector injector, String operatorId, int subtask, int parallelism) {
        this.injector = injector;
        this.operatorId = operatorId;
        this.subtask = subtask;
        this.parallelism = parallelism;
    }

    /** Whether anything is aimed at this subtask now (cheap; checked per batch). */
    public boolean armed() {
        return failNow || failAfterRecords >= 0 || slowMicrosPerRecord > 0;
    }

    /**
     * How many of the next {@code n} records may be processed before the subtask must fail, or -1 when
     * it need not fail within them.
     */
    public int failPointWithin(int n) {
        if (failNow) {
            return 0;
        }
        long after = failAfterRecords;
        if (after >= 0 && processed + n >= after) {
            return (int) Math.max(0, after - processed);
        }
        return -1;
    }

    /** Called after the records were processed: counts them and applies the configured slowness. */
    public void processed(int n) {
        processed += n;
        long micros = slowMicrosPerRecord;
        if (micros > 0 && n > 0) {
            // parkNanos returns early when the thread is unparked (a source subtask is, for every mail
            // such as a checkpoint trigger), so park until the whole delay has passed.
            long deadline = System.nanoTime() + micros * 1000L * n;
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    /** Throws the injected failure (once: the injector disarms it so the restarted job runs through). */
    public InjectedFailure fire() {
        failNow = false;
        long after = failAfterRecords;
        failAfterRecords = -1;
        injector.fired(operatorId, subtask);
        return new InjectedFailure("injected failure of " + operatorId + " (" + (subtask + 1) + "/" + parallelism + ")"
                + (after >= 0 ? " after " + after + " records" : ""));
    }
}
