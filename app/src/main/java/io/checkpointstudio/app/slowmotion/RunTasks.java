package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.app.slowmotion.SceneLayout.Point;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks of the traced run as the designer draws them: each task's operators in chain order, its
 * parallelism, where its first and last operators are, and the drawn edges a channel between two tasks
 * follows (through the operators that have no task, such as key-by, which only repartitions).
 */
final class RunTasks {
    static final RunTasks NONE = new RunTasks(Map.of(), Map.of());

    private final Map<String, List<String>> chains;
    private final Map<String, Integer> parallelism;
    private final Set<String> inTasks = new HashSet<>();

    /** {@code chains}: task name → its operators in chain order; {@code parallelism}: operator id → parallelism. */
    RunTasks(Map<String, List<String>> chains, Map<String, Integer> parallelism) {
        this.chains = Map.copyOf(chains);
        this.parallelism = Map.copyOf(parallelism);
        this.chains.values().forEach(inTasks::addAll);
    }

    int parallelism(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? 1 : parallelism.getOrDefault(chain.get(0), 1);
    }

    /** Every subtask of the run: the acknowledgements a checkpoint needs. */
    int subtasks() {
        return chains.keySet().stream().mapToInt(this::parallelism).sum();
    }

    /** The task's first operator (the task's name if it is not known). */
    String first(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? task : chain.get(0);
    }

    /** The task's last operator (the task's name if it is not known). */
    String last(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? task : chain.get(chain.size() - 1);
    }

    /** Where the task's first operator is drawn. */
    Optional<Point> head(String task, SceneLayout layout) {
        return chains.containsKey(task) ? layout.nodeAt(first(task)) : Optional.empty();
    }

    /** Where the task's last operator is drawn. */
    Optional<Point> tail(String task, SceneLayout layout) {
        return chains.containsKey(task) ? layout.nodeAt(last(task)) : Optional.empty();
    }

    /** The drawn edges from the last operator of one task to the first of the next; empty if any of them is not drawn. */
    List<EdgeSpec> path(String fromTask, String toTask, JobDocument doc, SceneLayout layout) {
        if (!chains.containsKey(fromTask) || !chains.containsKey(toTask) || doc == null) {
            return List.of();
        }
        String start = last(fromTask);
        String goal = first(toTask);
        Map<String, EdgeSpec> via = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(goal)) {
                break;
            }
            if (!at.equals(start) && inTasks.contains(at)) {
                continue;
            }
            for (EdgeSpec e : doc.edges()) {
                if (e.from().equals(at) && seen.add(e.to())) {
                    via.put(e.to(), e);
                    queue.add(e.to());
                }
            }
        }
        List<EdgeSpec> path = new ArrayList<>();
        for (String at = goal; via.containsKey(at); at = via.get(at).from()) {
            EdgeSpec e = via.get(at);
            if (!layout.drawn(e)) {
                return List.of();
            }
            path.add(0, e);
        }
        return path;
    }
}
