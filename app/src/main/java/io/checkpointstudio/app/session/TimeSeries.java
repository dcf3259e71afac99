package io.checkpointstudio.app.session;

import java.util.Arrays;

/**
 * An append-only series of (time, value) points that readers on other threads see up to a published
 * count, so the UI draws from it without copying or locking. {@link #decimate} keeps the shape of an hour
 * of samples in a few hundred points: per bucket its first, minimum and maximum values.
 */
public final class TimeSeries {
    private volatile long[] times = new long[256];
    private volatile double[] values = new double[256];
    private volatile int size;

    /** One writer only. */
    public void add(long at, double value) {
        int n = size;
        if (n == times.length) {
            long[] t = Arrays.copyOf(times, n * 2);
            double[] v = Arrays.copyOf(values, n * 2);
            t[n] = at;
            v[n] = value;
            values = v;
            times = t;
        } else {
            times[n] = at;
            values[n] = value;
        }
        size = n + 1;
    }

    public int size() {
        return size;
    }

    /** The points as they are now, at most {@code maxPoints} (about three per bucket) between {@code from} and {@code to}. */
    public Points decimate(long from, long to, int maxPoints) {
        int n = size;
        long[] t = times;
        double[] v = values;
        int lo = lowerBound(t, n, from);
        int hi = lowerBound(t, n, to + 1);
        int count = hi - lo;
        if (count <= maxPoints) {
            return new Points(Arrays.copyOfRange(t, lo, hi), Arrays.copyOfRange(v, lo, hi));
        }
        int buckets = Math.max(1, maxPoints / 3);
        long[] outT = new long[buckets * 3];
        double[] outV = new double[buckets * 3];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int start = lo + (int) ((long) count * b / buckets);
            int end = lo + (int) ((long) count * (b + 1) / buckets);
            if (start >= end) {
                continue;
            }
            int min = start;
            int max = start;
            for (int i = start + 1; i < end; i++) {
                if (v[i] < v[min]) {
                    min = i;
                }
                if (v[i] > v[max]) {
                    max = i;
                }
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            outT[k] = t[start];
            outV[k++] = v[start];
            if (first != start) {
                outT[k] = t[first];
                outV[k++] = v[first];
            }
            if (second != first && second != start) {
                outT[k] = t[second];
                outV[k++] = v[second];
            }
        }
        return new Points(Arrays.copyOf(outT, k), Arrays.copyOf(outV, k));
    }

    public Points all() {
        int n = size;
        return new Points(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    private static int lowerBound(long[] t, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Points to draw, times in epoch milliseconds. */
    public record Points(long[] times, double[] values) {
        public int size() {
            return times.length;
        }
    }
}
