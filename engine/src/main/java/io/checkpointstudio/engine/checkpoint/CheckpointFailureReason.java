package io.checkpointstudio.engine.checkpoint;

/** Why a checkpoint failed, with Flink's names; whether it counts against tolerable-failed-checkpoints. */
public enum CheckpointFailureReason {
    CHECKPOINT_EXPIRED(true, "Checkpoint expired before completing"),
    CHECKPOINT_ASYNC_EXCEPTION(true, "Asynchronous part of the checkpoint failed"),
    CHECKPOINT_DECLINED(true, "A task declined the checkpoint"),
    IO_EXCEPTION(true, "Writing the checkpoint failed"),
    NOT_ALL_REQUIRED_TASKS_RUNNING(false, "Not all required tasks are running"),
    CHECKPOINT_SUBSUMED(false, "Checkpoint subsumed by a newer completed checkpoint"),
    JOB_FAILOVER_REGION(false, "The job failed or restarted while the checkpoint was in progress"),
    TASK_FAILURE(false, "A task failed while the checkpoint was in progress"),
    CHECKPOINT_DECLINED_TASK_CLOSING(false, "A task ended before its part of the checkpoint was complete"),
    JOB_CANCELLED(false, "The job was cancelled");

    private final boolean counts;
    private final String description;

    CheckpointFailureReason(boolean counts, String description) {
        this.counts = counts;
        this.description = description;
    }

    public boolean countsAsFailure() {
        return counts;
    }

    public String description() {
        return description;
    }
}
