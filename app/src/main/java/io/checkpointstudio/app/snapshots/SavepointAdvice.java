package io.checkpointstudio.app.snapshots;

import java.util.Locale;

/** What to do after a savepoint failed, from what the engine said. */
final class SavepointAdvice {
    private SavepointAdvice() {
    }

    static String forFailure(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("not running") || m.contains("finished") || m.contains("cancel") || m.contains("terminal")) {
            return "A savepoint needs a running job: start it (or restore it) and try again.";
        }
        if (m.contains("permission") || m.contains("access") || m.contains("read-only") || m.contains("directory")
                || m.contains("no such file") || m.contains("nosuchfile")) {
            return "Set execution.checkpointing.savepoint-dir (state.savepoints.dir) in the job's configuration to a folder "
                    + "you can write to, then try again.";
        }
        if (m.contains("timeout") || m.contains("timed out") || m.contains("expired")) {
            return "The savepoint took longer than execution.checkpointing.timeout: remove back-pressure (a slowed operator, "
                    + "a slow sink) or raise the timeout, then try again.";
        }
        if (m.contains("concurrent") || m.contains("in progress")) {
            return "Another checkpoint or savepoint is still in progress; try again when it completes.";
        }
        return "Check the event log for the cause, make sure execution.checkpointing.savepoint-dir (state.savepoints.dir) is "
                + "a writable folder, and try again.";
    }
}
