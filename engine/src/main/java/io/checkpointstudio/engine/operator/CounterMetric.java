package io.checkpointstudio.engine.operator;

/** A count an operator reports; updated by its own subtask thread, read by the monitor. */
public interface CounterMetric {
    void add(long n);

    long get();
}
