package io.checkpointstudio.engine.recovery;

import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.JobConfig;

/**
 * Decides, after each failure, whether the job restarts and after how long: Flink's none, fixed-delay,
 * failure-rate and exponential-delay strategies with the same options.
 */
public interface RestartStrategy {

    /** Records a failure at {@code nowMillis}; returns the delay before restarting, or -1 to give up. */
    long onFailure(long nowMillis);

    /** A human description for events and the UI, e.g. "fixed-delay (2 of 3 attempts used)". */
    String describe();

    static RestartStrategy of(JobConfig config) {
        return switch (config.effectiveRestartStrategyType()) {
            case NONE -> new NoRestart();
            case FIXED_DELAY -> new FixedDelayRestart(config.get(ConfigOptions.FIXED_DELAY_ATTEMPTS),
                    config.get(ConfigOptions.FIXED_DELAY_DELAY).toMillis());
            case FAILURE_RATE -> new FailureRateRestart(config.get(ConfigOptions.FAILURE_RATE_MAX_FAILURES),
                    config.get(ConfigOptions.FAILURE_RATE_INTERVAL).toMillis(), config.get(ConfigOptions.FAILURE_RATE_DELAY).toMillis());
            case EXPONENTIAL_DELAY -> new ExponentialDelayRestart(
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF).toMillis(),
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_MAX_BACKOFF).toMillis(),
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER),
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD).toMillis(),
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_JITTER_FACTOR),
                    config.get(ConfigOptions.EXPONENTIAL_DELAY_ATTEMPTS),
                    new java.util.Random());
        };
    }
}
