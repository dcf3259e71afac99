package io.checkpointstudio.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.operator.source.ClickEvents;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The oracle the engine tests compare against, checked against the values published in
 * shared/bench/WORKLOAD.md §3 and against the generator's second, independent definition
 * (the k-th {@code SplittableRandom(42).nextLong()} is {@code mix64(42 + k * GAMMA)}).
 */
class ClicksOracleTest {

    @ParameterizedTest(name = "event {0}")
    @CsvSource({
            "0, bdd732262feb6e95, 28efe333b266f103, 275413, true",
            "1, 47526757130f9f52, 581ce1ff0e4ae394, 763858, true",
            "2, 09bc585a244823f2, de4431fa3c80db06, 963250, true",
            "3, 37e9671c45376d5d, ccf635ee9e9e2fa4, 624925, false",
            "4, 5705b8770b3d7dd5, 9e54d738297f77ae, 482005, true",
            "5, 3474724a775b19bf, 7e348a0e451650be, 294207, true",
            "6, 836ded897f3e46e6, 851f977347ed6db7, 111398, true",
            "7, aa47e31c02e78edc, 341452c54d7c33f2, 524956, true"})
    void firstEvents_matchTheWorkloadTable(long i, String h1, String h2, long userId, boolean loggedIn) {
        assertThat(ClickEvents.h1(42, i)).isEqualTo(Long.parseUnsignedLong(h1, 16));
        assertThat(ClickEvents.h2(42, i)).isEqualTo(Long.parseUnsignedLong(h2, 16));
        assertThat(ClickEvents.userId(42, i, 1_000_000)).isEqualTo(userId);
        assertThat(ClickEvents.loggedIn(42, i)).isEqualTo(loggedIn);
    }

    @ParameterizedTest(name = "{0} events, {1} users")
    @CsvSource({
            "1000, 100, 794, 40605",
            "100000, 1000, 79807, 39797796",
            "1000000, 100000, 799473, 39954335534",
            "2000000, 100000, 1599417, 79987303298"})
    void totals_matchTheWorkloadReferenceTable(long events, long users, long loggedIn, long weighted) {
        assertThat(ClicksOracle.totals(events, users, 42)).isEqualTo(new ClicksOracle.Totals(loggedIn, weighted));
    }

    @Test
    void countsPerUser_matchASequentialSplittableRandomCount() {
        long[] expected = new long[1000];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long h1 = random.nextLong();
            long h2 = random.nextLong();
            if (Long.remainderUnsigned(h2, 10) < 8) {
                expected[(int) Long.remainderUnsigned(h1, 1000)]++;
            }
        }

        long[] counts = ClicksOracle.countsPerUser(100_000, 1000, 42);

        assertThat(counts).containsExactly(expected);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(79_807);
    }
}
