package io.checkpointstudio.engine.recovery;

import java.util.ArrayDeque;

/** {@code failure-rate}: restarts after a delay unless more than {@code maxFailures} happened within the interval. */
public final class FailureRateRestart implements RestartStrategy {
    private final int maxFailures;
    private final long intervalMillis;
    private final long delayMillis;
    private final ArrayDeque<Long> failures = new ArrayDeque<>();

    public FailureRateRestart(int maxFailures, long intervalMillis, long delayMillis) {
        this.maxFailures = maxFailures;
        this.intervalMillis = intervalMillis;
        this.delayMillis = delayMillis;
    }

    @Override
    public long onFailure(long nowMillis) {
        failures.addLast(nowMillis);
        while (!failures.isEmpty() && failures.peekFirst() < nowMillis - intervalMillis) {
            failures.removeFirst();
        }
        return failures.size() > maxFailures ? -1 : delayMillis;
    }

    @Override
    public String describe() {
        return "failure-rate (" + failures.size() + " failures in the last " + intervalMillis + " ms, " + maxFailures + " allowed)";
    }
}
