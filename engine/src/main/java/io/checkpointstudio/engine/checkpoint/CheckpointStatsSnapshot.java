package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/**
 * All checkpoint statistics of a job at one instant, in the shape of Flink's REST
 * {@code /jobs/:id/checkpoints}: counts, summary of completed checkpoints, the latest of each kind and the
 * history (newest first). Immutable.
 */
public record CheckpointStatsSnapshot(
        Counts counts,
        Summary summary,
        CheckpointStats latestCompleted,
        CheckpointStats latestSavepoint,
        CheckpointStats latestFailed,
        Restored latestRestored,
        List<CheckpointStats> history,
        int consecutiveFailures) {

    public static final CheckpointStatsSnapshot EMPTY = new CheckpointStatsSnapshot(new Counts(0, 0, 0, 0, 0),
            new Summary(StatsSummary.EMPTY, StatsSummary.EMPTY, StatsSummary.EMPTY, StatsSummary.EMPTY, StatsSummary.EMPTY),
            null, null, null, null, List.of(), 0);

    /** Flink's {@code counts}. */
    public record Counts(long restored, long total, int inProgress, long completed, long failed) {
    }

    /** Flink's {@code summary}. */
    public record Summary(StatsSummary checkpointedSize, StatsSummary stateSize, StatsSummary endToEndDuration,
                          StatsSummary processedData, StatsSummary persistedData) {
    }

    /** Flink's {@code latest.restored}, plus how long the restore took (failure to first record processed). */
    public record Restored(long id, long restoreTimestamp, boolean isSavepoint, String externalPath, long restoreDurationMs) {
    }
}
