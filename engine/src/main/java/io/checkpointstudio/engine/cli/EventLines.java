package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.Locale;

/** One line of text for the engine events a person running a job wants to see on the console. */
final class EventLines {
    private EventLines() {
    }

    /** The line for an event, or null for events not worth a line (triggers, acknowledgements). */
    static String describe(EngineEvent e) {
        if (e instanceof EngineEvent.CheckpointCompleted c) {
            return (c.savepoint() ? "savepoint " : "checkpoint ") + c.checkpointId() + " completed in " + c.durationMs() + " ms, " + bytes(c.stateBytes())
                    + (c.checkpointedBytes() != c.stateBytes() ? " (" + bytes(c.checkpointedBytes()) + " written)" : "")
                    + (c.savepoint() ? " at " + c.path() : "");
        }
        if (e instanceof EngineEvent.CheckpointFailed f) {
            return "checkpoint " + f.checkpointId() + " FAILED: " + f.reason() + " [" + f.consecutiveFailures() + " in a row, "
                    + f.tolerable() + " tolerated]";
        }
        if (e instanceof EngineEvent.TaskFailed f) {
            return "task failed: " + f.task() + ": " + f.error();
        }
        if (e instanceof EngineEvent.JobRestarting r) {
            return "restarting (attempt " + r.attempt() + ") in " + r.delayMs() + " ms";
        }
        if (e instanceof EngineEvent.JobRestored r) {
            return r.checkpointId() == 0 ? "restarted from the beginning; first record after " + r.restoreMs() + " ms"
                    : "restored from checkpoint " + r.checkpointId() + "; first record processed " + r.restoreMs() + " ms after the failure";
        }
        if (e instanceof EngineEvent.Notice n) {
            return "note: " + n.message();
        }
        return null;
    }

    static String bytes(long n) {
        if (n < 10 * 1024) {
            return n + " B";
        }
        if (n < 10L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
