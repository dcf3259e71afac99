package io.checkpointstudio.engine.monitor;

import java.util.Map;

/**
 * One subtask of one operator at one instant. Ratios are over the last sampling period and add up to
 * about 1 (busy + back-pressured + idle), as in Flink's busyTimeMsPerSecond and friends; chained
 * operators share their task's ratios.
 */
public record SubtaskFigures(
        int subtask,
        long recordsIn,
        long recordsOut,
        double recordsInPerSecond,
        double recordsOutPerSecond,
        double busyRatio,
        double backPressuredRatio,
        double idleRatio,
        Map<String, Long> counters) {
}
