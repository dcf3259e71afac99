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
}
