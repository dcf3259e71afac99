package io.checkpointstudio.engine.bench;

import io.checkpointstudio.engine.operator.source.ClickEvents;

/**
 * The expected results of the clicks workload computed directly from the generator, without the engine:
 * the number of logged-in events, the sum of their user ids, and (for tests) each user's count.
 */
public final class ClicksOracle {
    private ClicksOracle() {
    }

    /** {@code logged_in_expected} and {@code weighted_checksum_expected} of WORKLOAD.md §3. */
    public record Totals(long loggedIn, long weightedChecksum) {
    }

    public static Totals totals(long events, long users, long seed) {
        long loggedIn = 0;
        long weighted = 0;
        for (long i = 0; i < events; i++) {
            if (ClickEvents.loggedIn(seed, i)) {
                loggedIn++;
                weighted += ClickEvents.userId(seed, i, users);
            }
        }
        return new Totals(loggedIn, weighted);
    }

    /** Each user's number of logged-in events. */
    public static long[] countsPerUser(long events, int users, long seed) {
        long[] counts = new long[users];
        for (long i = 0; i < events; i++) {
            if (ClickEvents.loggedIn(seed, i)) {
                counts[(int) ClickEvents.userId(seed, i, users)]++;
            }
        }
        return counts;
    }
}
