package io.checkpointstudio.engine.runtime;

import java.util.Map;

/** An operator's counts summed over its subtasks (and over restarts). */
public record OperatorTotals(long recordsIn, long recordsOut, Map<String, Long> counters) {
}
