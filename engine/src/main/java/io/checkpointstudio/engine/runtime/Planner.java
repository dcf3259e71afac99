package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated job into a physical plan. Key-by operators are dissolved into HASH edges. An operator
 * is chained to its predecessor when the edge between them is FORWARD (no key-by, equal parallelism), the
 * predecessor has no other output and the operator no other input; like Flink, chained operators hand
 * records over by a method call instead of a channel.
 */
public final class Planner {
    private Planner() {
    }

    /** A logical edge after key-by operators are dissolved. */
    private record LogicalEdge(String from, String to, Partitioning partitioning, String keyField, String keyBy) {
    }

    public static PhysicalPlan plan(ValidatedJob job, boolean chaining) {
        Map<String, ValidatedOperator> ops = new LinkedHashMap<>();
        for (ValidatedOperator op : job.operators()) {
            ops.put(op.id(), op);
        }
        List<LogicalEdge> edges = new ArrayList<>();
        for (ValidatedOperator op : job.operators()) {
            if (op.isKeyBy()) {
                continue;
            }
            for (String out : op.outputs()) {
                addEdges(op, ops.get(out), null, null, ops, edges);
            }
        }
        Map<String, List<LogicalEdge>> ins = new HashMap<>();
        Map<String, List<LogicalEdge>> outs = new HashMap<>();
        for (LogicalEdge e : edges) {
            ins.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            outs.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }

        Map<String, Integer> vertexOf = new HashMap<>();
        List<TaskVertex> vertices = new ArrayList<>();
        for (ValidatedOperator op : job.operators()) {
            if (op.isKeyBy() || vertexOf.containsKey(op.id())) {
                continue;
            }
            List<ValidatedOperator> chain = new ArrayList<>();
            ValidatedOperator cur = op;
            chain.add(cur);
            while (chaining) {
                List<LogicalEdge> o = outs.getOrDefault(cur.id(), List.of());
                if (o.size() != 1 || o.get(0).partitioning() != Partitioning.FORWARD) {
                    break;
                }
                ValidatedOperator next = ops.get(o.get(0).to());
                if (ins.getOrDefault(next.id(), List.of()).size() != 1 || vertexOf.containsKey(next.id())) {
                    break;
                }
                chain.add(next);
                cur = next;
            }
            int index = vertices.size();
            chain.forEach(c -> vertexOf.put(c.id(), index));
            vertices.add(new TaskVertex(index, List.copyOf(chain), op.parallelism()));
        }

        List<TaskEdge> taskEdges = new ArrayList<>();
        for (LogicalEdge e : edges) {
            int from = vertexOf.get(e.from());
            int to = vertexOf.get(e.to());
            if (from == to) {
                continue;
            }
            int keyColumn = e.keyField() == null ? -1 : ops.get(e.from()).outputSchema().indexOf(e.keyField());
            taskEdges.add(new TaskEdge(from, to, e.partitioning(), keyColumn, e.keyBy()));
        }
        int maxParallelism = job.config().get(io.checkpointstudio.engine.config.ConfigOptions.MAX_PARALLELISM);
        return new PhysicalPlan(List.copyOf(vertices), List.copyOf(taskEdges), maxParallelism);
    }

    private static void addEdges(ValidatedOperator from, ValidatedOperator to, String keyField, String keyBy,
                                 Map<String, ValidatedOperator> ops, List<LogicalEdge> edges) {
        if (to.isKeyBy()) {
            String key = to.params().getString(KeyByOperator.KEY);
            for (String next : to.outputs()) {
                addEdges(from, ops.get(next), key, to.id(), ops, edges);
            }
            return;
        }
        Partitioning p;
        if (keyField != null) {
            p = Partitioning.HASH;
        } else if (from.parallelism() == to.parallelism()) {
            p = Partitioning.FORWARD;
        } else {
            p = Partitioning.REBALANCE;
        }
        edges.add(new LogicalEdge(from.id(), to.id(), p, keyField, keyBy));
    }
}
