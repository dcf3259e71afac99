package io.checkpointstudio.app.monitor;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the checkpoint timeline draws, in wall-clock time: one bar per checkpoint (trigger to last
 * acknowledgement, failure or, while in progress, now) and one band per failure and recovery, from the
 * failure to the first record processed after the restore.
 */
public record TimelineItems(List<Bar> bars, List<RecoveryBand> recoveries) {

    public static final TimelineItems EMPTY = new TimelineItems(List.of(), List.of());

    /** One checkpoint; {@code phases} is null until a subtask acknowledged. */
    public record Bar(long id, long start, long end, CheckpointStatus status, boolean savepoint, boolean unaligned,
                      CheckpointPhases phases, CheckpointStats stats) {
        public long duration() {
            return end - start;
        }
    }

    /**
     * A failure and what followed. {@code restoredAt} is -1 while the job is still recovering (or never
     * recovered); {@code checkpointId} is the checkpoint restored (0: started from scratch).
     */
    public record RecoveryBand(long failedAt, long restoredAt, long checkpointId, long restoreMs, String failedTask, String error) {
        public boolean recovered() {
            return restoredAt >= 0;
        }

        public String label() {
            if (!recovered()) {
                return "failed: " + failedTask;
            }
            return (checkpointId > 0 ? "restored chk " + checkpointId : "restarted from scratch") + " in " + Readable.millis(restoreMs);
        }
    }

    /**
     * @param history newest first, as {@code CheckpointStatsSnapshot.history}
     * @param events  oldest first
     * @param now     where in-progress checkpoints and unfinished recoveries end
     */
    public static TimelineItems of(List<CheckpointStats> history, List<EngineEvent> events, long now) {
        List<Bar> bars = new ArrayList<>(history.size());
        for (CheckpointStats c : history) {
            bars.add(bar(c, now));
        }
        bars.sort(Comparator.comparingLong(Bar::start).thenComparingLong(Bar::id));
        return new TimelineItems(List.copyOf(bars), recoveries(events, now));
    }

    static Bar bar(CheckpointStats c, long now) {
        long end = switch (c.status()) {
            case IN_PROGRESS -> Math.max(now, c.triggerTimestamp());
            case COMPLETED -> c.latestAckTimestamp() > 0 ? c.latestAckTimestamp() : c.triggerTimestamp() + Math.max(0, c.endToEndDuration());
            case FAILED -> c.failureTimestamp() > 0 ? c.failureTimestamp() : Math.max(c.latestAckTimestamp(), c.triggerTimestamp());
        };
        boolean unaligned = "UNALIGNED_CHECKPOINT".equals(c.checkpointType());
        return new Bar(c.id(), c.triggerTimestamp(), Math.max(end, c.triggerTimestamp()), c.status(), c.isSavepoint(), unaligned,
                CheckpointPhases.of(c).orElse(null), c);
    }

    static List<RecoveryBand> recoveries(List<EngineEvent> events, long now) {
        List<RecoveryBand> bands = new ArrayList<>();
        EngineEvent.TaskFailed open = null;
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.TaskFailed f && open == null) {
                open = f;
            } else if (e instanceof EngineEvent.JobRestored r) {
                // restoreMs counts from the failure the engine recovered from, which may precede the event we saw first
                long failedAt = r.at() - r.restoreMs();
                String task = open == null ? "" : open.task() + " #" + open.subtask();
                String error = open == null ? "" : open.error();
                bands.add(new RecoveryBand(failedAt, r.at(), r.checkpointId(), r.restoreMs(), task, error));
                open = null;
            }
        }
        if (open != null) {
            bands.add(new RecoveryBand(open.at(), -1, -1, Math.max(0, now - open.at()), open.task() + " #" + open.subtask(), open.error()));
        }
        return List.copyOf(bands);
    }
}
