package io.checkpointstudio.engine.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each operator's subtasks handed back at the end ({@code Operator.result()}), by operator id then subtask. */
public final class OperatorResults {
    private final Map<String, Object[]> bySubtask = new LinkedHashMap<>();
    private final Map<String, Integer> parallelism = new LinkedHashMap<>();

    OperatorResults(PhysicalPlan plan) {
        for (TaskVertex v : plan.vertices()) {
            for (var op : v.chain()) {
                parallelism.put(op.id(), v.parallelism());
            }
        }
    }

    synchronized void put(String operatorId, int subtask, Object result) {
        bySubtask.computeIfAbsent(operatorId, k -> new Object[parallelism.getOrDefault(k, subtask + 1)])[subtask] = result;
    }

    /** The non-null results of an operator's subtasks, in subtask order. */
    public synchronized List<Object> of(String operatorId) {
        Object[] r = bySubtask.get(operatorId);
        if (r == null) {
            return List.of();
        }
        List<Object> list = new ArrayList<>();
        for (Object o : r) {
            if (o != null) {
                list.add(o);
            }
        }
        return Collections.unmodifiableList(list);
    }
}
