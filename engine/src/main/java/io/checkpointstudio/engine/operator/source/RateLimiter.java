package io.checkpointstudio.engine.operator.source;

/** Spreads a subtask's share of an events-per-second budget over time; 0 means unlimited. */
final class RateLimiter {
    private final double perSecond;
    private long startNanos;
    private long granted;

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    /** How many records may be emitted now, at most {@code max}. */
    int permits(int max) {
        if (perSecond <= 0) {
            return max;
        }
        long now = System.nanoTime();
        if (startNanos == 0) {
            startNanos = now;
        }
        long due = (long) ((now - startNanos) / 1e9 * perSecond) + 1 - granted;
        int n = (int) Math.max(0, Math.min(max, due));
        granted += n;
        return n;
    }
}
