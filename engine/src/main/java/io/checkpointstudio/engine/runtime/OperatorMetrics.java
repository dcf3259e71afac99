package io.checkpointstudio.engine.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The live counts of one operator in one subtask: records in and out, and counters the operator names. */
public final class OperatorMetrics {
    final Counter recordsIn = new Counter();
    final Counter recordsOut = new Counter();
    private final Map<String, Counter> named = Collections.synchronizedMap(new LinkedHashMap<>());

    public Counter recordsIn() {
        return recordsIn;
    }

    public Counter recordsOut() {
        return recordsOut;
    }

    /** A counter the operator reports under its own name, e.g. {@code numLateRecordsDropped}. */
    public Counter counter(String name) {
        return named.computeIfAbsent(name, n -> new Counter());
    }

    public Map<String, Long> namedValues() {
        Map<String, Long> values = new LinkedHashMap<>();
        synchronized (named) {
            named.forEach((k, v) -> values.put(k, v.get()));
        }
        return values;
    }
}
