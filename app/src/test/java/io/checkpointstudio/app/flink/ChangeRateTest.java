package io.checkpointstudio.app.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChangeRateTest {
    @Test
    void aCounterRefreshedEveryTenSeconds_keepsItsRateBetweenRefreshes_polledEverySecond() {
        // given a counter that grows by 1,000 a second but is seen to change only every 10 s
        ChangeRate rate = new ChangeRate();
        assertThat(rate.update(0, 0)).isZero();
        assertThat(rate.update(1_000, 0)).isZero();

        // when it changes, then its rate is the change over the time since the last change, held between changes
        assertThat(rate.update(10_000, 10_000)).isCloseTo(1_000, within(0.001));
        for (long t = 11_000; t < 20_000; t += 1_000) {
            assertThat(rate.update(t, 10_000)).as("at %d ms", t).isCloseTo(1_000, within(0.001));
        }
        assertThat(rate.update(20_000, 15_000)).isCloseTo(500, within(0.001));
    }

    @Test
    void aCounterThatStopsMoving_fallsToZero_afterTwiceItsRefresh() {
        ChangeRate rate = new ChangeRate();
        rate.update(0, 0);
        rate.update(2_000, 2_000);
        assertThat(rate.update(5_900, 2_000)).as("still for less than twice its refresh").isCloseTo(1_000, within(0.001));
        assertThat(rate.update(6_100, 2_000)).as("still for longer than twice its refresh").isZero();
    }
}
