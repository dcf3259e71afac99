package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.config.StateBackendType;
import java.nio.file.Path;

/**
 * How to start a run: from nothing, or from a checkpoint or savepoint with the restore dialog's options.
 *
 * @param restoreFrom            a chk-N folder, a savepoint folder or a job's checkpoint folder; null starts fresh
 * @param allowNonRestoredState  accept snapshot state no operator takes (Flink's allowNonRestoredState)
 * @param parallelism            run every operator at this parallelism (rescaling); null keeps the job's
 * @param backend                run with this state backend; null keeps the job's
 */
public record RunRequest(Path restoreFrom, boolean allowNonRestoredState, Integer parallelism, StateBackendType backend) {

    public static RunRequest fresh() {
        return new RunRequest(null, false, null, null);
    }

    public static RunRequest from(Path snapshot) {
        return new RunRequest(snapshot, false, null, null);
    }

    public boolean restores() {
        return restoreFrom != null;
    }
}
