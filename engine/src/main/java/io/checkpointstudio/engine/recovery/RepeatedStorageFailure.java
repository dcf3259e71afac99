package io.checkpointstudio.engine.recovery;

import io.checkpointstudio.engine.checkpoint.StorageCheck;

/**
 * Notices the checkpoint storage failing the same way (out of space, read-only, a path through a file, no
 * permission) twice in a row with no checkpoint completing in between: then another restart would only
 * fail again, whatever the restart strategy still allows. Other failures (a task's, a broker's) are left
 * to the restart strategy: they may be transient.
 */
public final class RepeatedStorageFailure {
    private String lastKind;
    private long completedThen = -1;

    /**
     * Records a failure of the job, given how many checkpoints had completed by then; returns the storage
     * failure's kind when it repeats the previous failure's without progress, else null.
     */
    public String record(Throwable failure, long completedCheckpoints) {
        String kind = StorageCheck.failureKind(failure);
        boolean again = kind != null && kind.equals(lastKind) && completedCheckpoints == completedThen;
        lastKind = kind;
        completedThen = completedCheckpoints;
        return again ? kind : null;
    }
}
