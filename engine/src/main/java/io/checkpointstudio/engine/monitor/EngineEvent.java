package io.checkpointstudio.engine.monitor;

/**
 * Everything the engine reports as it happens, each with its wall-clock time in epoch milliseconds. The
 * engine publishes events and never waits for whoever reads them.
 */
public sealed interface EngineEvent {
    long at();

    /** The job moved to another status; {@code message} says why when it is not obvious. */
    record JobStatusChanged(long at, JobStatus status, String message) implements EngineEvent {
    }

    /** A subtask failed; the job fails or restarts according to its restart strategy. */
    record TaskFailed(long at, String task, int subtask, String error, String stackTrace) implements EngineEvent {
    }

    /** The coordinator started checkpoint {@code checkpointId}: barriers are on their way from the sources. */
    record CheckpointTriggered(long at, long checkpointId, boolean savepoint, boolean unaligned) implements EngineEvent {
    }

    /** One subtask has snapshotted its state and acknowledged. */
    record CheckpointAcknowledged(long at, long checkpointId, String task, int subtask, long syncMs, long asyncMs,
                                  long alignmentMs, long startDelayMs, long stateBytes, boolean unaligned) implements EngineEvent {
    }

    /** Every subtask acknowledged and the metadata is written: the checkpoint exists. */
    record CheckpointCompleted(long at, long checkpointId, long durationMs, long checkpointedBytes, long stateBytes,
                               String path, boolean savepoint) implements EngineEvent {
    }

    /** The checkpoint failed; {@code consecutiveFailures} of {@code tolerable} allowed. */
    record CheckpointFailed(long at, long checkpointId, String reason, int consecutiveFailures, int tolerable) implements EngineEvent {
    }

    /** The job will restart after {@code delayMs} (attempt {@code attempt}, counted from 1). */
    record JobRestarting(long at, int attempt, long delayMs, String cause) implements EngineEvent {
    }

    /**
     * The restarted job restored checkpoint {@code checkpointId} (0 = started from scratch) and processed
     * its first record {@code restoreMs} after the failure.
     */
    record JobRestored(long at, long checkpointId, long restoreMs, String path) implements EngineEvent {
    }

    /** Something the user should know that is not a failure (a skipped corrupt checkpoint, a retention action). */
    record Notice(long at, String message) implements EngineEvent {
    }
}
