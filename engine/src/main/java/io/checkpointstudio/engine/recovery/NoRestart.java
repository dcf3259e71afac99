package io.checkpointstudio.engine.recovery;

/** {@code restart-strategy.type: none}: the first failure fails the job. */
public final class NoRestart implements RestartStrategy {
    @Override
    public long onFailure(long nowMillis) {
        return -1;
    }

    @Override
    public String describe() {
        return "no restarts (restart-strategy.type: none)";
    }
}
