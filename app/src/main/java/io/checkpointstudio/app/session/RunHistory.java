package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures of one run over time, for the charts: throughput and busy/back-pressured ratios per
 * operator, state size per operator and bytes written per task at each completed checkpoint, and each
 * checkpoint's duration. Written by the run's sampler thread, read by the UI.
 */
public final class RunHistory {
    private final Map<String, TimeSeries> recordsInPerSecond = new ConcurrentHashMap<>();
    private final Map<String, TimeSeries> recordsOutPerSecond = new ConcurrentHashMap<>();
    private final Map<String, TimeSeries> backPressured = new ConcurrentHashMap<>();
    private final Map<String, TimeSeries> stateSize = new ConcurrentHashMap<>();
    private final Map<String, TimeSeries> checkpointedSize = new ConcurrentHashMap<>();
    private final TimeSeries checkpointDuration = new TimeSeries();
    private long lastMetricsRevision = -1;
    private long lastCheckpointId;

    /** Adds one metrics sample (a sample with the same revision as the last one is skipped); public for replaying recordings. */
    public void record(MetricsSnapshot metrics) {
        if (metrics.revision() == lastMetricsRevision) {
            return;
        }
        lastMetricsRevision = metrics.revision();
        for (OperatorFigures o : metrics.operators()) {
            series(recordsInPerSecond, o.operatorId()).add(metrics.at(), o.recordsInPerSecond());
            series(recordsOutPerSecond, o.operatorId()).add(metrics.at(), o.recordsOutPerSecond());
            series(backPressured, o.operatorId()).add(metrics.at(), o.maxBackPressuredRatio());
        }
    }

    /** Adds the checkpoints completed since the last call, oldest first ({@code history} is newest first). */
    public void record(java.util.List<CheckpointStats> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            CheckpointStats c = history.get(i);
            if (c.status() != CheckpointStatus.COMPLETED || c.id() <= lastCheckpointId) {
                continue;
            }
            lastCheckpointId = c.id();
            long at = c.latestAckTimestamp() > 0 ? c.latestAckTimestamp() : c.triggerTimestamp();
            checkpointDuration.add(at, c.endToEndDuration());
            Map<String, Long> perOperator = new LinkedHashMap<>();
            for (TaskCheckpointStats t : c.tasks()) {
                for (SubtaskCheckpointStats s : t.subtasks()) {
                    if (s != null && s.operatorStateSizes() != null) {
                        s.operatorStateSizes().forEach((op, bytes) -> perOperator.merge(op, bytes, Long::sum));
                    }
                }
                series(checkpointedSize, t.name()).add(at, t.checkpointedSize());
            }
            perOperator.forEach((op, bytes) -> series(stateSize, op).add(at, bytes));
        }
    }

    private static TimeSeries series(Map<String, TimeSeries> map, String key) {
        return map.computeIfAbsent(key, k -> new TimeSeries());
    }

    /** Records in per second, by operator id. */
    public Map<String, TimeSeries> recordsInPerSecond() {
        return Collections.unmodifiableMap(recordsInPerSecond);
    }

    /** Records out per second, by operator id. */
    public Map<String, TimeSeries> recordsOutPerSecond() {
        return Collections.unmodifiableMap(recordsOutPerSecond);
    }

    /** The highest back-pressured ratio of any subtask (0..1), by operator id. */
    public Map<String, TimeSeries> backPressured() {
        return Collections.unmodifiableMap(backPressured);
    }

    /** Full state size in bytes at each completed checkpoint, by operator id. */
    public Map<String, TimeSeries> stateSize() {
        return Collections.unmodifiableMap(stateSize);
    }

    /** Bytes each completed checkpoint wrote, by task name (incremental checkpoints write less than the full size). */
    public Map<String, TimeSeries> checkpointedSize() {
        return Collections.unmodifiableMap(checkpointedSize);
    }

    /** End-to-end duration in ms of each completed checkpoint, at its completion time. */
    public TimeSeries checkpointDuration() {
        return checkpointDuration;
    }
}
