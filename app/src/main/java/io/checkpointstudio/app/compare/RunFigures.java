package io.checkpointstudio.app.compare;

import io.checkpointstudio.app.session.SinkRecords;
import io.checkpointstudio.app.session.TimeSeries;
import io.checkpointstudio.engine.monitor.JobStatus;

/**
 * How one side of a comparison went, all from the run's own statistics.
 *
 * @param eventsPerSecond    records the sources emitted per second of active time (first record to end of input)
 * @param checkpointDuration end-to-end duration (ms) of each completed checkpoint, at ms since the run started
 * @param throughput         the sources' records per second, at ms since the run started
 */
public record RunFigures(
        RunVariant variant,
        String jobId,
        JobStatus status,
        String failure,
        long durationMillis,
        double eventsPerSecond,
        long checkpointsCompleted,
        long checkpointsFailed,
        double p50DurationMs,
        long maxDurationMs,
        long avgCheckpointedBytes,
        long maxStateBytes,
        int restarts,
        long restoredCheckpoint,
        TimeSeries checkpointDuration,
        TimeSeries throughput,
        SinkRecords sink) {
}
