package io.checkpointstudio.app.monitor;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checkpoint statistics written out by hand for the unit tests of the monitor's logic. */
final class Checkpoints {
    static final long T0 = 1_700_000_000_000L;

    private Checkpoints() {
    }

    /** A subtask acknowledged {@code e2e} ms after the trigger at {@link #T0}, with the given phases. */
    static SubtaskCheckpointStats subtask(int index, long e2e, long startDelay, long alignment, long sync, long async) {
        return new SubtaskCheckpointStats(index, T0 + e2e, e2e, 1000, 4000, sync, async, 0, 0, alignment, startDelay, false, Map.of());
    }

    static TaskCheckpointStats task(String name, SubtaskCheckpointStats... subtasks) {
        return new TaskCheckpointStats(name, name, List.of(name), subtasks.length, Arrays.asList(subtasks));
    }

    static CheckpointStats checkpoint(long id, CheckpointStatus status, TaskCheckpointStats... tasks) {
        long latest = Arrays.stream(tasks).mapToLong(TaskCheckpointStats::latestAckTimestamp).max().orElse(-1);
        int n = Arrays.stream(tasks).mapToInt(TaskCheckpointStats::numSubtasks).sum();
        int acked = Arrays.stream(tasks).mapToInt(TaskCheckpointStats::numAcknowledgedSubtasks).sum();
        return new CheckpointStats(id, status, false, "CHECKPOINT", T0, latest, status == CheckpointStatus.COMPLETED ? latest - T0 : -1,
                1000L * acked, 4000L * acked, 0, 0, n, acked, null, false, status == CheckpointStatus.FAILED ? T0 + 500 : -1,
                status == CheckpointStatus.FAILED ? "Checkpoint expired before completing" : null, List.of(tasks));
    }
}
