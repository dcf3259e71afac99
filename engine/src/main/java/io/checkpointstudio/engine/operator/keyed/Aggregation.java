package io.checkpointstudio.engine.operator.keyed;

/** The running aggregates a keyed operator can keep per key. */
public enum Aggregation {
    SUM, COUNT, MIN, MAX, REDUCE;

    long combine(long acc, long value) {
        return switch (this) {
            case SUM -> acc + value;
            case COUNT -> acc + 1;
            case MIN -> Math.min(acc, value);
            case MAX -> Math.max(acc, value);
            case REDUCE -> throw new IllegalStateException("reduce combines with its expression");
        };
    }

    double combine(double acc, double value) {
        return switch (this) {
            case SUM -> acc + value;
            case COUNT -> acc + 1;
            case MIN -> Math.min(acc, value);
            case MAX -> Math.max(acc, value);
            case REDUCE -> throw new IllegalStateException("reduce combines with its expression");
        };
    }
}
