package io.checkpointstudio.engine.operator.source;

/**
 * The bit-exact click generator of the benchmark workload (shared/bench/WORKLOAD.md §3): event {@code i} is
 * a pure function of the seed and {@code i}, so any subtask can regenerate exactly the same event after a
 * restore, and the expected results can be computed independently of the engine.
 */
public final class ClickEvents {
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private ClickEvents() {
    }

    /** SplitMix64's finaliser (Stafford variant 13). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long h1(long seed, long i) {
        return mix64(seed + (2 * i + 1) * GAMMA);
    }

    public static long h2(long seed, long i) {
        return mix64(seed + (2 * i + 2) * GAMMA);
    }

    public static long userId(long seed, long i, long users) {
        return Long.remainderUnsigned(h1(seed, i), users);
    }

    public static boolean loggedIn(long seed, long i) {
        return Long.remainderUnsigned(h2(seed, i), 10) < 8;
    }
}
