package io.checkpointstudio.engine.recovery;

/** {@code fixed-delay}: up to {@code attempts} restarts, each after the same delay. */
public final class FixedDelayRestart implements RestartStrategy {
    private final int attempts;
    private final long delayMillis;
    private int used;

    public FixedDelayRestart(int attempts, long delayMillis) {
        this.attempts = attempts;
        this.delayMillis = delayMillis;
    }

    @Override
    public long onFailure(long nowMillis) {
        if (used >= attempts) {
            return -1;
        }
        used++;
        return delayMillis;
    }

    @Override
    public String describe() {
        return "fixed-delay (" + used + " of " + attempts + " restarts used, " + delayMillis + " ms apart)";
    }
}
