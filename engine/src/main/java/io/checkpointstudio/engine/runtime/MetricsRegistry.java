package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.monitor.SubtaskFigures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live metrics objects of a job, kept across restarts so counts keep growing, and the sampler that
 * turns them into immutable {@link MetricsSnapshot}s with rates and time ratios over the last period.
 */
public final class MetricsRegistry {
    private record Key(String operator, int subtask) {
    }

    private final Map<Key, OperatorMetrics> operators = new ConcurrentHashMap<>();
    private final Map<Key, TaskMetrics> tasks = new ConcurrentHashMap<>();
    private final Map<Key, long[]> previous = new HashMap<>();
    private long previousNanos;
    private long revision;

    OperatorMetrics operator(String id, int subtask) {
        return operators.computeIfAbsent(new Key(id, subtask), k -> new OperatorMetrics());
    }

    void registerTask(String operatorId, int subtask, TaskMetrics metrics) {
        tasks.put(new Key(operatorId, subtask), metrics);
    }

    /** Totals per operator over its subtasks: records in and out and named counters. */
    public Map<String, OperatorTotals> totals(PhysicalPlan plan) {
        Map<String, OperatorTotals> totals = new java.util.LinkedHashMap<>();
        for (TaskVertex v : plan.vertices()) {
            for (var op : v.chain()) {
                long in = 0;
                long out = 0;
                Map<String, Long> counters = new java.util.LinkedHashMap<>();
                for (int s = 0; s < v.parallelism(); s++) {
                    OperatorMetrics m = operators.get(new Key(op.id(), s));
                    if (m == null) {
                        continue;
                    }
                    in += m.recordsIn().get();
                    out += m.recordsOut().get();
                    m.namedValues().forEach((k, val) -> counters.merge(k, val, Long::sum));
                }
                totals.put(op.id(), new OperatorTotals(in, out, counters));
            }
        }
        return totals;
    }

    /** Samples now; called by one sampler thread only. */
    synchronized MetricsSnapshot sample(PhysicalPlan plan, JobStatus status, long uptimeMillis) {
        long now = System.nanoTime();
        double seconds = previousNanos == 0 ? 0 : (now - previousNanos) / 1e9;
        List<OperatorFigures> figures = new ArrayList<>();
        for (TaskVertex v : plan.vertices()) {
            for (var op : v.chain()) {
                List<SubtaskFigures> subtasks = new ArrayList<>();
                for (int s = 0; s < v.parallelism(); s++) {
                    Key key = new Key(op.id(), s);
                    OperatorMetrics m = operators.get(key);
                    TaskMetrics t = tasks.get(new Key(v.head().id(), s));
                    long in = m == null ? 0 : m.recordsIn().get();
                    long out = m == null ? 0 : m.recordsOut().get();
                    long idle = t == null ? 0 : t.idleNanosAt(now);
                    long bp = t == null ? 0 : t.backPressuredNanosAt(now);
                    long[] prev = previous.put(key, new long[] {in, out, idle, bp});
                    double inRate = 0;
                    double outRate = 0;
                    double idleRatio = 0;
                    double bpRatio = 0;
                    if (prev != null && seconds > 0) {
                        inRate = (in - prev[0]) / seconds;
                        outRate = (out - prev[1]) / seconds;
                        idleRatio = clamp((idle - prev[2]) / 1e9 / seconds);
                        bpRatio = clamp((bp - prev[3]) / 1e9 / seconds);
                    }
                    double busy = status == JobStatus.RUNNING ? clamp(1 - idleRatio - bpRatio) : 0;
                    subtasks.add(new SubtaskFigures(s, in, out, inRate, outRate, busy, bpRatio, idleRatio,
                            m == null ? Map.of() : m.namedValues()));
                }
                figures.add(new OperatorFigures(op.id(), v.name(), List.copyOf(subtasks)));
            }
        }
        previousNanos = now;
        return new MetricsSnapshot(++revision, System.currentTimeMillis(), status, uptimeMillis, List.copyOf(figures));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
