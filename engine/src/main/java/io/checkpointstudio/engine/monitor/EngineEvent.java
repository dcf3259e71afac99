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

    /**
     * The fine-grained path of checkpoint barriers through the running job, for the studio's "barrier slow
     * motion". Published only while tracing is switched on for a run ({@code JobExecution.traceBarriers}),
     * from the engine threads that do the work, each at the moment it happens; {@code nanos} is
     * {@link System#nanoTime()} then, for relative timing finer than {@link #at()}. Within one checkpoint
     * the order of publication is causal: a barrier is sent before it is received, received on every
     * channel before the subtask acknowledges. {@code task} is the task's name ({@code "a -> b"}, as in
     * {@link CheckpointAcknowledged}); a channel is named by the task and subtask upstream of it.
     */
    sealed interface BarrierTrace extends EngineEvent {
        long nanos();

        long checkpointId();

        String task();

        int subtask();

        /** Which part of a subtask's snapshot: the synchronous capture or the asynchronous write. */
        enum Phase { SYNC, ASYNC }

        /** A source subtask took the coordinator's trigger and starts checkpoint {@code checkpointId} with its barrier. */
        record BarrierEmitted(long at, long nanos, long checkpointId, String task, int subtask, boolean unaligned) implements BarrierTrace {
        }

        /** The subtask put the barrier on its output channel to {@code toTask}'s subtask {@code toSubtask}. */
        record BarrierSent(long at, long nanos, long checkpointId, String task, int subtask, String toTask, int toSubtask,
                           boolean unaligned) implements BarrierTrace {
        }

        /**
         * The subtask took the barrier from input channel {@code channel} (fed by {@code fromTask}'s subtask
         * {@code fromSubtask}); {@code overtaking}: it was taken ahead of the records queued before it.
         */
        record BarrierReceived(long at, long nanos, long checkpointId, String task, int subtask, int channel, String fromTask,
                               int fromSubtask, boolean overtaking) implements BarrierTrace {
        }

        /** Alignment holds the channel back: its barrier arrived, {@code aligned} of {@code channels} have theirs. */
        record ChannelBlocked(long at, long nanos, long checkpointId, String task, int subtask, int channel, String fromTask,
                              int fromSubtask, int aligned, int channels) implements BarrierTrace {
        }

        /** The channel flows again (alignment finished, was aborted, or switched to unaligned). */
        record ChannelReleased(long at, long nanos, long checkpointId, String task, int subtask, int channel, String fromTask,
                               int fromSubtask) implements BarrierTrace {
        }

        /**
         * Every input channel of the subtask delivered the barrier: {@code micros} since the first one. For an
         * unaligned checkpoint ({@code unaligned}) nothing waited; the state was captured at the first barrier.
         */
        record AlignmentCompleted(long at, long nanos, long checkpointId, String task, int subtask, int channels, long micros,
                                  boolean unaligned) implements BarrierTrace {
        }

        /** An aligned checkpoint passed its aligned-checkpoint-timeout at this subtask and continues unaligned. */
        record SwitchedToUnaligned(long at, long nanos, long checkpointId, String task, int subtask, long alignedMicros)
                implements BarrierTrace {
        }

        /**
         * An unaligned checkpoint captured the in-flight data of one input channel: {@code buffers} record
         * batches of {@code bytes} (estimated) that its barrier overtook or that arrived before it.
         */
        record InFlightCaptured(long at, long nanos, long checkpointId, String task, int subtask, int channel, String fromTask,
                                int fromSubtask, int buffers, long bytes) implements BarrierTrace {
        }

        /** A part of the subtask's snapshot began. */
        record SnapshotStarted(long at, long nanos, long checkpointId, String task, int subtask, Phase phase) implements BarrierTrace {
        }

        /** A part of the subtask's snapshot ended after {@code micros}. */
        record SnapshotFinished(long at, long nanos, long checkpointId, String task, int subtask, Phase phase, long micros)
                implements BarrierTrace {
        }

        /** The subtask acknowledged the checkpoint to the coordinator with {@code stateBytes} of state and {@code inFlightBytes} persisted. */
        record AckSent(long at, long nanos, long checkpointId, String task, int subtask, long stateBytes, long inFlightBytes)
                implements BarrierTrace {
        }
    }
}
