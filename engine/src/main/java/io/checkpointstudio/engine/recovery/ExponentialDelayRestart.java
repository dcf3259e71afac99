package io.checkpointstudio.engine.recovery;

import java.util.Random;

/**
 * {@code exponential-delay}: the delay starts at the initial backoff and grows by the multiplier with every
 * failure up to the max backoff, with ± jitter; it resets after a failure-free stretch of the reset
 * threshold; after {@code attemptsBeforeReset} restarts without a reset the job fails.
 */
public final class ExponentialDelayRestart implements RestartStrategy {
    private final long initial;
    private final long max;
    private final double multiplier;
    private final long resetThreshold;
    private final double jitter;
    private final int attemptsBeforeReset;
    private final Random random;
    private long current;
    private long lastFailure = -1;
    private int attempts;

    public ExponentialDelayRestart(long initial, long max, double multiplier, long resetThreshold, double jitter,
                                   int attemptsBeforeReset, Random random) {
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.resetThreshold = resetThreshold;
        this.jitter = jitter;
        this.attemptsBeforeReset = attemptsBeforeReset;
        this.random = random;
        this.current = initial;
    }

    @Override
    public long onFailure(long nowMillis) {
        if (lastFailure >= 0 && nowMillis - lastFailure >= resetThreshold) {
            current = initial;
            attempts = 0;
        } else if (lastFailure >= 0) {
            current = Math.min(max, (long) Math.ceil(current * multiplier));
        }
        lastFailure = nowMillis;
        if (attempts >= attemptsBeforeReset) {
            return -1;
        }
        attempts++;
        long spread = (long) (current * jitter);
        long delay = spread > 0 ? current - spread + (long) (random.nextDouble() * (2 * spread + 1)) : current;
        return Math.max(0, Math.min(max + spread, delay));
    }

    @Override
    public String describe() {
        return "exponential-delay (next backoff about " + current + " ms, " + attempts + " restarts since the last reset)";
    }
}
