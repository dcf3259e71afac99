package io.checkpointstudio.app.flink;

/**
 * The rate of a counter read over Flink's REST API. Flink's REST handlers serve metrics that its metric
 * fetcher refreshes only every {@code metrics.fetcher.update-interval} (10 s by default), so between two
 * polls a busy counter often has not moved: the rate is measured between changes and held until the next
 * one, and falls to 0 only when the counter stays still for longer than its usual refresh.
 */
final class ChangeRate {
    private static final long MIN_QUIET_MS = 3000;

    private double value = Double.NaN;
    private long changedAt;
    private long refreshMs;
    private double perSecond;

    /** The counter's value at {@code now} (ms); returns its rate per second. */
    double update(long now, double counter) {
        if (Double.isNaN(counter)) {
            return 0;
        }
        if (Double.isNaN(value)) {
            value = counter;
            changedAt = now;
            return 0;
        }
        if (counter != value) {
            long elapsed = now - changedAt;
            if (elapsed > 0) {
                perSecond = Math.max(0, (counter - value) * 1000.0 / elapsed);
                refreshMs = elapsed;
            }
            value = counter;
            changedAt = now;
        } else if (now - changedAt > Math.max(MIN_QUIET_MS, 2 * refreshMs)) {
            perSecond = 0;
        }
        return perSecond;
    }
}
