package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.monitor.EventEntry.Kind;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.Optional;

/**
 * Puts engine events into words for the event log. Per-subtask acknowledgements and the triggering of
 * ordinary checkpoints are left out: at a checkpoint every few hundred milliseconds they would bury the
 * failures the log is for (the checkpoint views show them).
 */
public final class EventEntries {
    private EventEntries() {
    }

    public static Optional<EventEntry> describe(EngineEvent event) {
        return Optional.ofNullable(entry(event));
    }

    private static EventEntry entry(EngineEvent event) {
        if (event instanceof EngineEvent.JobStatusChanged e) {
            return new EventEntry(e.at(), Kind.STATUS,
                    "Job " + e.status() + (blank(e.message()) ? "" : ": " + firstLine(e.message())), orEmpty(e.message()));
        } else if (event instanceof EngineEvent.TaskFailed e) {
            return new EventEntry(e.at(), Kind.FAILURE, e.task() + " (subtask " + e.subtask() + ") failed: " + firstLine(e.error()),
                    blank(e.stackTrace()) ? orEmpty(e.error()) : e.stackTrace());
        } else if (event instanceof EngineEvent.CheckpointTriggered e) {
            return e.savepoint() ? new EventEntry(e.at(), Kind.SAVEPOINT, "Savepoint " + e.checkpointId() + " triggered", "") : null;
        } else if (event instanceof EngineEvent.CheckpointCompleted e) {
            return new EventEntry(e.at(), e.savepoint() ? Kind.SAVEPOINT : Kind.CHECKPOINT,
                    (e.savepoint() ? "Savepoint " : "Checkpoint ") + e.checkpointId() + " completed in " + e.durationMs() + " ms ("
                            + Sizes.bytes(e.checkpointedBytes()) + " written, state " + Sizes.bytes(e.stateBytes()) + ")",
                    orEmpty(e.path()));
        } else if (event instanceof EngineEvent.CheckpointFailed e) {
            return new EventEntry(e.at(), Kind.CHECKPOINT_FAILURE, "Checkpoint " + e.checkpointId() + " failed: " + firstLine(e.reason())
                    + " (" + e.consecutiveFailures() + " in a row, " + e.tolerable() + " tolerated)", orEmpty(e.reason()));
        } else if (event instanceof EngineEvent.JobRestarting e) {
            return new EventEntry(e.at(), Kind.RECOVERY,
                    "Restarting in " + e.delayMs() + " ms (attempt " + e.attempt() + "), cause: " + firstLine(e.cause()), orEmpty(e.cause()));
        } else if (event instanceof EngineEvent.JobRestored e) {
            return new EventEntry(e.at(), Kind.RECOVERY, e.checkpointId() == 0
                    ? "Restarted from scratch (no completed checkpoint yet), first record " + e.restoreMs() + " ms after the failure"
                    : "Restored checkpoint " + e.checkpointId() + ", first record " + e.restoreMs() + " ms after the failure",
                    orEmpty(e.path()));
        } else if (event instanceof EngineEvent.Notice e) {
            return new EventEntry(e.at(), Kind.NOTICE, firstLine(e.message()), orEmpty(e.message()));
        }
        return null; // per-subtask acknowledgements
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
