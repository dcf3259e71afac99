package io.checkpointstudio.engine.checkpoint;

import java.util.Arrays;

/** Min, max, average and percentiles of one figure over completed checkpoints (Flink's {@code StatsSummaryDto}). */
public record StatsSummary(long min, long max, long avg, double p50, double p90, double p95, double p99, double p999) {

    public static final StatsSummary EMPTY = new StatsSummary(0, 0, 0, 0, 0, 0, 0, 0);

    public static StatsSummary of(long[] values, int n) {
        if (n == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new StatsSummary(sorted[0], sorted[n - 1], sum / n, q(sorted, 0.5), q(sorted, 0.9), q(sorted, 0.95), q(sorted, 0.99), q(sorted, 0.999));
    }

    private static double q(long[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
