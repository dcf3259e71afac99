package io.checkpointstudio.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.StatsSummary;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's REST JSON (field names as in {@code CheckpointingStatistics}, {@code CheckpointStatistics},
 * {@code TaskCheckpointStatisticsWithSubtaskDetails} and {@code CheckpointConfigInfo}) read into the
 * engine's statistics records the monitor views draw. Missing figures become -1 (the records' "unknown"),
 * never a guess.
 */
final class FlinkStats {
    private FlinkStats() {
    }

    static JobStatus status(String state) {
        try {
            return JobStatus.valueOf(state);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Flink's INITIALIZING, CREATED, SUSPENDED, RECONCILING have no engine twin
            return switch (String.valueOf(state)) {
                case "SUSPENDED" -> JobStatus.CANCELED;
                case "RECONCILING" -> JobStatus.RUNNING;
                default -> JobStatus.CREATED;
            };
        }
    }

    /**
     * The whole {@code /jobs/:id/checkpoints} body; {@code tasks} gives the task list of a checkpoint by id
     * (from the details endpoints), or an empty list where there are none.
     */
    static CheckpointStatsSnapshot snapshot(JsonNode body, java.util.function.LongFunction<List<TaskCheckpointStats>> tasks) {
        JsonNode c = body.path("counts");
        CheckpointStatsSnapshot.Counts counts = new CheckpointStatsSnapshot.Counts(c.path("restored").asLong(0), c.path("total").asLong(0),
                c.path("in_progress").asInt(0), c.path("completed").asLong(0), c.path("failed").asLong(0));
        JsonNode s = body.path("summary");
        CheckpointStatsSnapshot.Summary summary = new CheckpointStatsSnapshot.Summary(summary(s.path("checkpointed_size")),
                summary(s.path("state_size")), summary(s.path("end_to_end_duration")), summary(s.path("processed_data")),
                summary(s.path("persisted_data")));
        List<CheckpointStats> history = new ArrayList<>();
        for (JsonNode h : body.path("history")) {
            history.add(checkpoint(h, tasks.apply(h.path("id").asLong())));
        }
        JsonNode latest = body.path("latest");
        JsonNode r = latest.path("restored");
        CheckpointStatsSnapshot.Restored restored = r.isObject()
                ? new CheckpointStatsSnapshot.Restored(r.path("id").asLong(), r.path("restore_timestamp").asLong(-1),
                        r.path("is_savepoint").asBoolean(), FlinkRestClient.text(r, "external_path", null), -1)
                : null;
        return new CheckpointStatsSnapshot(counts, summary, latest(latest.path("completed"), tasks), latest(latest.path("savepoint"), tasks),
                latest(latest.path("failed"), tasks), restored, List.copyOf(history), consecutiveFailures(history));
    }

    /** Failures since the newest completed checkpoint (savepoints do not count, as in Flink). */
    private static int consecutiveFailures(List<CheckpointStats> newestFirst) {
        int n = 0;
        for (CheckpointStats c : newestFirst) {
            if (c.isSavepoint() || c.status() == CheckpointStatus.IN_PROGRESS) {
                continue;
            }
            if (c.status() == CheckpointStatus.COMPLETED) {
                break;
            }
            n++;
        }
        return n;
    }

    private static CheckpointStats latest(JsonNode n, java.util.function.LongFunction<List<TaskCheckpointStats>> tasks) {
        return n.isObject() ? checkpoint(n, tasks.apply(n.path("id").asLong())) : null;
    }

    static StatsSummary summary(JsonNode n) {
        if (!n.isObject()) {
            return StatsSummary.EMPTY;
        }
        return new StatsSummary(n.path("min").asLong(0), n.path("max").asLong(0), n.path("avg").asLong(0), n.path("p50").asDouble(0),
                n.path("p90").asDouble(0), n.path("p95").asDouble(0), n.path("p99").asDouble(0), n.path("p999").asDouble(0));
    }

    static CheckpointStats checkpoint(JsonNode n, List<TaskCheckpointStats> tasks) {
        CheckpointStatus status = switch (n.path("status").asText()) {
            case "COMPLETED" -> CheckpointStatus.COMPLETED;
            case "FAILED" -> CheckpointStatus.FAILED;
            default -> CheckpointStatus.IN_PROGRESS;
        };
        boolean savepoint = n.path("is_savepoint").asBoolean(false);
        String type = FlinkRestClient.text(n, "checkpoint_type", savepoint ? "SAVEPOINT" : "CHECKPOINT");
        return new CheckpointStats(n.path("id").asLong(), status, savepoint, type.contains("SAVEPOINT") ? "SAVEPOINT" : type,
                n.path("trigger_timestamp").asLong(-1), n.path("latest_ack_timestamp").asLong(-1), n.path("end_to_end_duration").asLong(-1),
                n.path("checkpointed_size").asLong(-1), n.path("state_size").asLong(-1), n.path("processed_data").asLong(-1),
                n.path("persisted_data").asLong(-1), n.path("num_subtasks").asInt(0), n.path("num_acknowledged_subtasks").asInt(0),
                FlinkRestClient.text(n, "external_path", null), n.path("discarded").asBoolean(false), n.path("failure_timestamp").asLong(-1),
                FlinkRestClient.text(n, "failure_message", null), tasks);
    }

    /**
     * One task of a checkpoint from {@code .../details/:cid/subtasks/:vertex}: one entry per subtask, null
     * for a pending (or failed) one. Flink gives the task's state size per subtask, not per operator of the
     * chain, so {@code operatorStateSizes} holds the task's name.
     */
    static TaskCheckpointStats task(String vertexId, String name, int numSubtasks, JsonNode withSubtasks) {
        List<SubtaskCheckpointStats> subtasks = new ArrayList<>();
        for (int i = 0; i < numSubtasks; i++) {
            subtasks.add(null);
        }
        for (JsonNode s : withSubtasks.path("subtasks")) {
            int index = s.path("index").asInt(-1);
            if (index < 0 || index >= numSubtasks || !"completed".equalsIgnoreCase(s.path("status").asText())) {
                continue;
            }
            long stateSize = s.path("state_size").asLong(-1);
            subtasks.set(index, new SubtaskCheckpointStats(index, s.path("ack_timestamp").asLong(-1), s.path("end_to_end_duration").asLong(-1),
                    s.path("checkpointed_size").asLong(stateSize), stateSize, s.at("/checkpoint/sync").asLong(-1),
                    s.at("/checkpoint/async").asLong(-1), s.at("/alignment/processed").asLong(-1), s.at("/alignment/persisted").asLong(-1),
                    s.at("/alignment/duration").asLong(-1), s.path("start_delay").asLong(-1), s.path("unaligned_checkpoint").asBoolean(false),
                    stateSize < 0 ? Map.of() : Map.of(name, stateSize)));
        }
        return new TaskCheckpointStats(vertexId, name, List.of(name), numSubtasks, subtasks);
    }

    /** {@code /jobs/:id/checkpoints/config}; options Flink's REST does not show are -1 or null. */
    static CheckpointSettings settings(JsonNode n) {
        long interval = n.path("interval").asLong(Long.MAX_VALUE);
        boolean enabled = interval > 0 && interval != Long.MAX_VALUE;
        JsonNode ext = n.path("externalization");
        ExternalizedCheckpointRetention retention = !ext.path("enabled").asBoolean(false)
                ? ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS
                : ext.path("delete_on_cancellation").asBoolean(true) ? ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION
                : ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION;
        String storagePath = FlinkRestClient.text(n, "checkpoint_storage_path", null);
        Path directory = null;
        if (storagePath != null) {
            try {
                directory = CheckpointSettings.toPath(storagePath);
            } catch (RuntimeException e) {
                directory = null; // an hdfs:// or s3:// path is not a local path
            }
        }
        return new CheckpointSettings(enabled, Duration.ofMillis(enabled ? interval : 0), Duration.ofMillis(n.path("timeout").asLong(0)),
                Duration.ofMillis(n.path("min_pause").asLong(0)), n.path("max_concurrent").asInt(1),
                n.path("tolerable_failed_checkpoints").asInt(0),
                "at_least_once".equalsIgnoreCase(n.path("mode").asText()) ? CheckpointingMode.AT_LEAST_ONCE : CheckpointingMode.EXACTLY_ONCE,
                n.path("unaligned_checkpoints").asBoolean(false), Duration.ofMillis(n.path("aligned_checkpoint_timeout").asLong(0)),
                retention, -1, directory, null, n.path("checkpoints_after_tasks_finish").asBoolean(true));
    }

    /** A job that does not checkpoint (Flink answers 404 to its config). */
    static CheckpointSettings disabled() {
        return new CheckpointSettings(false, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, 0, CheckpointingMode.EXACTLY_ONCE, false,
                Duration.ZERO, ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS, -1, null, null, true);
    }
}
