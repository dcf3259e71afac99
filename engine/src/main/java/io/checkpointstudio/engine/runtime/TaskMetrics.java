package io.checkpointstudio.engine.runtime;

/**
 * Where one subtask's thread spends its time: waiting for input (idle), waiting for room in a full output
 * channel (back-pressured), or working (busy, the rest). A wait in progress is visible to the sampler
 * through its start time, so a subtask blocked for seconds shows as back-pressured while it is blocked.
 */
public final class TaskMetrics {
    final Counter idleNanos = new Counter();
    final Counter backPressuredNanos = new Counter();
    final Counter idleSince = new Counter();
    final Counter backPressuredSince = new Counter();

    void idleStarted(long now) {
        idleSince.set(now);
    }

    void idleEnded(long now) {
        long since = idleSince.get();
        if (since != 0) {
            idleNanos.add(now - since);
            idleSince.set(0);
        }
    }

    void backPressured(long nanos) {
        backPressuredNanos.add(nanos);
    }

    long idleNanosAt(long now) {
        long since = idleSince.get();
        return idleNanos.get() + (since == 0 ? 0 : Math.max(0, now - since));
    }

    long backPressuredNanosAt(long now) {
        long since = backPressuredSince.get();
        return backPressuredNanos.get() + (since == 0 ? 0 : Math.max(0, now - since));
    }
}
