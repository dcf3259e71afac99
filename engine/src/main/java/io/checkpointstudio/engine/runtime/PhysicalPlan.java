package io.checkpointstudio.engine.runtime;

import java.util.List;

/**
 * What runs: tasks (chains of operators, each with its parallelism) and the edges between them with their
 * partitioning. Key-by operators do not run; they become HASH edges.
 */
public record PhysicalPlan(List<TaskVertex> vertices, List<TaskEdge> edges, int maxParallelism) {

    public List<TaskEdge> inputsOf(int vertex) {
        return edges.stream().filter(e -> e.to() == vertex).toList();
    }

    public List<TaskEdge> outputsOf(int vertex) {
        return edges.stream().filter(e -> e.from() == vertex).toList();
    }

    /** A one-line-per-task description, as `run --plan` prints it. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TaskVertex v : vertices) {
            sb.append("task ").append(v.index()).append(": ").append(v.name()).append(" x").append(v.parallelism()).append('\n');
            for (TaskEdge e : outputsOf(v.index())) {
                sb.append("  -> task ").append(e.to()).append(" (").append(e.partitioning().name().toLowerCase());
                if (e.keyBy() != null) {
                    sb.append(" via ").append(e.keyBy());
                }
                sb.append(")\n");
            }
        }
        return sb.toString();
    }
}
