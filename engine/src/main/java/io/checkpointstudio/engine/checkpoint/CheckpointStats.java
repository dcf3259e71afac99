package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/**
 * One checkpoint as Flink's REST API describes it ({@code CheckpointStatistics}). Unknown values are -1.
 *
 * @param checkpointType CHECKPOINT, UNALIGNED_CHECKPOINT or SAVEPOINT
 */
public record CheckpointStats(
        long id,
        CheckpointStatus status,
        boolean isSavepoint,
        String checkpointType,
        long triggerTimestamp,
        long latestAckTimestamp,
        long endToEndDuration,
        long checkpointedSize,
        long stateSize,
        long processedData,
        long persistedData,
        int numSubtasks,
        int numAcknowledgedSubtasks,
        String externalPath,
        boolean discarded,
        long failureTimestamp,
        String failureMessage,
        List<TaskCheckpointStats> tasks) {
}
