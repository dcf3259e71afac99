package io.checkpointstudio.engine.rest;

import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.StatsSummary;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.TaskVertex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's figures as the JSON bodies of Flink's REST API (same paths, same field names), so Flink
 * tooling and our own Flink monitor can read a job of the embedded engine. Vertex ids are the ids of the
 * first operator of each task.
 */
final class FlinkJson {
    private FlinkJson() {
    }

    static Map<String, Object> jobsOverview(List<JobExecution> jobs) {
        List<Object> list = new ArrayList<>();
        for (JobExecution j : jobs) {
            list.add(map("id", j.jobId(), "status", j.status().name()));
        }
        return map("jobs", list);
    }

    static Map<String, Object> job(JobExecution j) {
        MetricsSnapshot m = j.metrics();
        long now = System.currentTimeMillis();
        List<Object> vertices = new ArrayList<>();
        for (TaskVertex v : j.plan().vertices()) {
            OperatorFigures head = m.operator(v.head().id()).orElse(null);
            OperatorFigures tail = m.operator(v.tail().id()).orElse(null);
            Map<String, Object> metrics = map(
                    "read-records", head == null ? 0 : head.recordsIn(),
                    "write-records", tail == null ? 0 : tail.recordsOut(),
                    "read-records-complete", true,
                    "write-records-complete", true);
            vertices.add(map("id", v.head().id(), "name", v.name(), "parallelism", v.parallelism(),
                    "status", j.status().name(), "metrics", metrics,
                    "busyRatio", head == null ? 0 : head.maxBusyRatio(),
                    "backPressuredRatio", head == null ? 0 : head.maxBackPressuredRatio()));
        }
        return map("jid", j.jobId(), "name", j.jobName(), "state", j.status().name(), "start-time", now - m.uptimeMillis(),
                "end-time", j.status().isTerminal() ? now : -1, "duration", m.uptimeMillis(), "now", now,
                "maxParallelism", j.plan().maxParallelism(), "vertices", vertices);
    }

    static Map<String, Object> checkpoints(CheckpointStatsSnapshot s) {
        CheckpointStatsSnapshot.Counts c = s.counts();
        Map<String, Object> counts = map("restored", c.restored(), "total", c.total(), "in_progress", c.inProgress(),
                "completed", c.completed(), "failed", c.failed());
        CheckpointStatsSnapshot.Summary sum = s.summary();
        Map<String, Object> summary = map("checkpointed_size", summary(sum.checkpointedSize()), "state_size", summary(sum.stateSize()),
                "end_to_end_duration", summary(sum.endToEndDuration()), "alignment_buffered", summary(StatsSummary.EMPTY),
                "processed_data", summary(sum.processedData()), "persisted_data", summary(sum.persistedData()));
        CheckpointStatsSnapshot.Restored r = s.latestRestored();
        Map<String, Object> latest = map(
                "completed", s.latestCompleted() == null ? null : checkpoint(s.latestCompleted(), false),
                "savepoint", s.latestSavepoint() == null ? null : checkpoint(s.latestSavepoint(), false),
                "failed", s.latestFailed() == null ? null : checkpoint(s.latestFailed(), false),
                "restored", r == null ? null : map("id", r.id(), "restore_timestamp", r.restoreTimestamp(), "is_savepoint", r.isSavepoint(),
                        "external_path", r.externalPath()));
        List<Object> history = new ArrayList<>();
        for (CheckpointStats h : s.history()) {
            history.add(checkpoint(h, false));
        }
        return map("counts", counts, "summary", summary, "latest", latest, "history", history);
    }

    static Map<String, Object> checkpoint(CheckpointStats c, boolean withTasks) {
        Map<String, Object> m = map(
                "className", switch (c.status()) {
                    case COMPLETED -> "completed";
                    case FAILED -> "failed";
                    case IN_PROGRESS -> "in_progress";
                },
                "id", c.id(), "status", c.status().name(), "is_savepoint", c.isSavepoint(),
                "savepointFormat", c.isSavepoint() ? "CANONICAL" : null, "checkpoint_type", c.checkpointType(),
                "trigger_timestamp", c.triggerTimestamp(), "latest_ack_timestamp", c.latestAckTimestamp(),
                "end_to_end_duration", c.endToEndDuration(), "checkpointed_size", c.checkpointedSize(), "state_size", c.stateSize(),
                "alignment_buffered", 0, "processed_data", c.processedData(), "persisted_data", c.persistedData(),
                "num_subtasks", c.numSubtasks(), "num_acknowledged_subtasks", c.numAcknowledgedSubtasks());
        Map<String, Object> tasks = new LinkedHashMap<>();
        if (withTasks) {
            for (TaskCheckpointStats t : c.tasks()) {
                tasks.put(t.id(), task(t, c));
            }
        }
        m.put("tasks", tasks);
        if (c.status() == CheckpointStatus.COMPLETED) {
            m.put("external_path", c.externalPath());
            m.put("discarded", c.discarded());
        }
        if (c.status() == CheckpointStatus.FAILED) {
            m.put("failure_timestamp", c.failureTimestamp());
            m.put("failure_message", c.failureMessage());
        }
        return m;
    }

    static Map<String, Object> task(TaskCheckpointStats t, CheckpointStats c) {
        return map("id", t.id(), "name", t.name(), "status", c.status().name(), "latest_ack_timestamp", t.latestAckTimestamp(),
                "checkpointed_size", t.checkpointedSize(), "state_size", t.stateSize(), "end_to_end_duration", t.endToEndDuration(),
                "alignment_buffered", 0, "processed_data", t.processedData(), "persisted_data", t.persistedData(),
                "num_subtasks", t.numSubtasks(), "num_acknowledged_subtasks", t.numAcknowledgedSubtasks());
    }

    static Map<String, Object> taskWithSubtasks(TaskCheckpointStats t, CheckpointStats c) {
        Map<String, Object> m = task(t, c);
        List<SubtaskCheckpointStats> acked = t.subtasks().stream().filter(java.util.Objects::nonNull).toList();
        m.put("summary", map(
                "checkpointed_size", summary(acked, SubtaskCheckpointStats::checkpointedSize),
                "state_size", summary(acked, SubtaskCheckpointStats::stateSize),
                "end_to_end_duration", summary(acked, SubtaskCheckpointStats::endToEndDuration),
                "start_delay", summary(acked, SubtaskCheckpointStats::startDelay),
                "checkpoint_duration", map("sync", summary(acked, SubtaskCheckpointStats::syncDuration),
                        "async", summary(acked, SubtaskCheckpointStats::asyncDuration)),
                "alignment", map("buffered", summary(StatsSummary.EMPTY),
                        "processed", summary(acked, SubtaskCheckpointStats::processedData),
                        "persisted", summary(acked, SubtaskCheckpointStats::persistedData),
                        "duration", summary(acked, SubtaskCheckpointStats::alignmentDuration))));
        List<Object> subtasks = new ArrayList<>();
        for (int i = 0; i < t.subtasks().size(); i++) {
            SubtaskCheckpointStats s = t.subtasks().get(i);
            if (s == null) {
                subtasks.add(map("className", "pending", "index", i, "status", "pending_or_failed"));
            } else {
                subtasks.add(map("className", "completed", "index", i, "status", "completed", "ack_timestamp", s.ackTimestamp(),
                        "end_to_end_duration", s.endToEndDuration(), "checkpointed_size", s.checkpointedSize(), "state_size", s.stateSize(),
                        "checkpoint", map("sync", s.syncDuration(), "async", s.asyncDuration()),
                        "alignment", map("buffered", 0, "processed", s.processedData(), "persisted", s.persistedData(),
                                "duration", s.alignmentDuration()),
                        "start_delay", s.startDelay(), "unaligned_checkpoint", s.unalignedCheckpoint(), "aborted", false));
            }
        }
        m.put("subtasks", subtasks);
        return m;
    }

    static Map<String, Object> config(CheckpointSettings s, String stateBackend) {
        return map("mode", s.mode().name().toLowerCase(Locale.ROOT),
                "interval", s.enabled() ? s.interval().toMillis() : Long.MAX_VALUE,
                "timeout", s.timeout().toMillis(), "min_pause", s.minPause().toMillis(), "max_concurrent", s.maxConcurrent(),
                "externalization", map("enabled", s.retention() != ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS,
                        "delete_on_cancellation", s.retention() != ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION),
                "state_backend", stateBackend, "checkpoint_storage", "FileSystemCheckpointStorage",
                "unaligned_checkpoints", s.unaligned(), "tolerable_failed_checkpoints", s.tolerableFailures(),
                "aligned_checkpoint_timeout", s.alignedTimeout().toMillis(), "checkpoints_after_tasks_finish", s.afterTasksFinish(),
                "state_changelog_enabled", false, "changelog_periodic_materialization_interval", null, "changelog_storage", null,
                "checkpoint_storage_path", s.directory().toString());
    }

    private static Map<String, Object> summary(StatsSummary s) {
        return map("min", s.min(), "max", s.max(), "avg", s.avg(), "p50", s.p50(), "p90", s.p90(), "p95", s.p95(), "p99", s.p99(), "p999", s.p999());
    }

    private static Map<String, Object> summary(List<SubtaskCheckpointStats> acked, java.util.function.ToLongFunction<SubtaskCheckpointStats> f) {
        long[] values = acked.stream().mapToLong(f).toArray();
        return summary(StatsSummary.of(values, values.length));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
