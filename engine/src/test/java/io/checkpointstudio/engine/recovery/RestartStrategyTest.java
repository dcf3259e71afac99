package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.config.JobConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The restart strategies on their own: the delay after each failure, or -1 to give up, at given instants. */
class RestartStrategyTest {

    @Test
    void noRestart_givesUpAtTheFirstFailure() {
        assertThat(new NoRestart().onFailure(0)).isEqualTo(-1);
    }

    @Test
    void fixedDelay_givesItsDelayAsOftenAsItHasAttemptsThenGivesUp() {
        FixedDelayRestart s = new FixedDelayRestart(3, 250);

        assertThat(delays(s, 0, 10, 20, 30, 40)).containsExactly(250L, 250L, 250L, -1L, -1L);
    }

    @Test
    void fixedDelay_countsAttemptsOverTheWholeRunHoweverFarApartTheFailuresAre() {
        FixedDelayRestart s = new FixedDelayRestart(2, 0);

        assertThat(delays(s, 0, 3_600_000, 7_200_000)).containsExactly(0L, 0L, -1L);
    }

    @Test
    void fixedDelay_withNoAttempts_givesUpAtOnce() {
        assertThat(new FixedDelayRestart(0, 100).onFailure(0)).isEqualTo(-1);
    }

    @Test
    void failureRate_givesUpWhenMoreThanMaxFailuresFallWithinTheInterval() {
        FailureRateRestart s = new FailureRateRestart(2, 1000, 50);

        assertThat(delays(s, 0, 100, 200)).containsExactly(50L, 50L, -1L);
    }

    @Test
    void failureRate_restartsAgainOnceEarlierFailuresHaveLeftTheInterval() {
        FailureRateRestart s = new FailureRateRestart(2, 1000, 50);

        // 0 and 100 are more than 1000 ms before 1500: only 1500 and 1600 are within the interval then.
        assertThat(delays(s, 0, 100, 1500, 1600)).containsExactly(50L, 50L, 50L, 50L);
        // 1700: three failures (1500, 1600, 1700) within 1000 ms.
        assertThat(s.onFailure(1700)).isEqualTo(-1);
    }

    @Test
    void failureRate_withOneFailureAllowed_restartsOnceAndGivesUpAtASecondFailureWithinTheInterval() {
        FailureRateRestart s = new FailureRateRestart(1, 60_000, 10);

        assertThat(delays(s, 0, 59_000)).containsExactly(10L, -1L);
        assertThat(delays(new FailureRateRestart(1, 60_000, 10), 0, 61_000, 122_000)).containsExactly(10L, 10L, 10L);
    }

    @Test
    void exponentialDelay_growsByTheMultiplierUpToTheMaximumBackoff() {
        ExponentialDelayRestart s = new ExponentialDelayRestart(100, 1000, 2.0, 60_000, 0.0, Integer.MAX_VALUE, new Random(1));

        assertThat(delays(s, 0, 1, 2, 3, 4, 5, 6)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
    }

    @Test
    void exponentialDelay_withAFractionalMultiplier_growsByIt() {
        ExponentialDelayRestart s = new ExponentialDelayRestart(1000, 60_000, 1.5, 3_600_000, 0.0, Integer.MAX_VALUE, new Random(1));

        assertThat(delays(s, 0, 1, 2, 3)).containsExactly(1000L, 1500L, 2250L, 3375L);
    }

    @Test
    void exponentialDelay_jitterStaysWithinTheFactorAroundTheBackoffAndVaries() {
        long[] backoff = {100, 200, 400, 800, 1000, 1000};
        for (int seed = 0; seed < 200; seed++) {
            ExponentialDelayRestart s = new ExponentialDelayRestart(100, 1000, 2.0, 60_000, 0.1, Integer.MAX_VALUE,
                    new Random(seed * 0x9E3779B97F4A7C15L));
            for (int i = 0; i < backoff.length; i++) {
                long delay = s.onFailure(i);
                assertThat(delay).as("seed %d, failure %d", seed, i + 1)
                        .isBetween(Math.round(backoff[i] * 0.9), Math.round(backoff[i] * 1.1));
            }
        }
        Set<Long> first = new HashSet<>();
        Random shared = new Random(7);
        for (int job = 0; job < 50; job++) {
            first.add(new ExponentialDelayRestart(1000, 60_000, 2.0, 60_000, 0.1, 10, shared).onFailure(0));
        }
        assertThat(first).as("jittered first delays").hasSizeGreaterThan(10);
        assertThat(first).allMatch(d -> d >= 900 && d <= 1100);
    }

    @Test
    void exponentialDelay_resetsToTheInitialBackoffAfterAFailureFreeThreshold() {
        ExponentialDelayRestart s = new ExponentialDelayRestart(100, 10_000, 2.0, 5_000, 0.0, Integer.MAX_VALUE, new Random(1));

        assertThat(delays(s, 0, 1000, 2000)).containsExactly(100L, 200L, 400L);
        assertThat(s.onFailure(2000 + 4_999)).as("just before the threshold: still growing").isEqualTo(800);
        assertThat(s.onFailure(6999 + 5_000)).as("a failure-free threshold later: back to the initial backoff").isEqualTo(100);
        assertThat(s.onFailure(12_000)).isEqualTo(200);
    }

    @Test
    void exponentialDelay_givesUpAfterItsAttemptsUnlessTheBackoffWasResetMeanwhile() {
        ExponentialDelayRestart s = new ExponentialDelayRestart(100, 10_000, 2.0, 5_000, 0.0, 3, new Random(1));

        assertThat(delays(s, 0, 1, 2, 3)).containsExactly(100L, 200L, 400L, -1L);

        ExponentialDelayRestart resets = new ExponentialDelayRestart(100, 10_000, 2.0, 5_000, 0.0, 3, new Random(1));
        assertThat(delays(resets, 0, 1, 2)).containsExactly(100L, 200L, 400L);
        assertThat(delays(resets, 10_000, 10_001, 10_002, 10_003)).as("after a reset: three attempts again")
                .containsExactly(100L, 200L, 400L, -1L);
    }

    @Test
    void strategyFromConfiguration_followsFlinksDefaultsAndKeys() {
        assertThat(RestartStrategy.of(config(Map.of()))).isInstanceOf(NoRestart.class);
        assertThat(RestartStrategy.of(config(Map.of("execution.checkpointing.interval", "1s")))).isInstanceOf(ExponentialDelayRestart.class);

        RestartStrategy fixed = RestartStrategy.of(config(Map.of("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", 2, "restart-strategy.fixed-delay.delay", "30ms")));
        assertThat(delays(fixed, 0, 1, 2)).containsExactly(30L, 30L, -1L);

        RestartStrategy rate = RestartStrategy.of(config(Map.of("restart-strategy.type", "failure-rate",
                "restart-strategy.failure-rate.max-failures-per-interval", 2,
                "restart-strategy.failure-rate.failure-rate-interval", "1s", "restart-strategy.failure-rate.delay", "5ms")));
        assertThat(delays(rate, 0, 10, 20)).containsExactly(5L, 5L, -1L);

        RestartStrategy exponential = RestartStrategy.of(config(Map.of("restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff", "10ms", "restart-strategy.exponential-delay.max-backoff", "50ms",
                "restart-strategy.exponential-delay.backoff-multiplier", 3.0, "restart-strategy.exponential-delay.jitter-factor", 0.0,
                "restart-strategy.exponential-delay.attempts-before-reset-backoff", 4)));
        assertThat(delays(exponential, 0, 1, 2, 3, 4)).containsExactly(10L, 30L, 50L, 50L, -1L);
    }

    private static JobConfig config(Map<String, Object> raw) {
        List<io.checkpointstudio.engine.job.Problem> problems = new ArrayList<>();
        JobConfig c = JobConfig.parse(raw, problems);
        assertThat(problems).isEmpty();
        return c;
    }

    private static List<Long> delays(RestartStrategy s, long... failureTimes) {
        List<Long> delays = new ArrayList<>();
        for (long t : failureTimes) {
            delays.add(s.onFailure(t));
        }
        return delays;
    }
}
