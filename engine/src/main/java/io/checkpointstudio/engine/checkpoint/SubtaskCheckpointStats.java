package io.checkpointstudio.engine.checkpoint;

import java.util.Map;

/**
 * One subtask's part of a checkpoint, with the fields of Flink's REST {@code SubtaskCheckpointStatistics}
 * (times in epoch ms, durations in ms, sizes in bytes).
 *
 * @param processedData bytes processed during alignment (between the first and the last barrier)
 * @param persistedData in-flight bytes written with the checkpoint (unaligned checkpoints only)
 * @param operatorStateSizes the state size of each operator of the task in this subtask
 */
public record SubtaskCheckpointStats(
        int index,
        long ackTimestamp,
        long endToEndDuration,
        long checkpointedSize,
        long stateSize,
        long syncDuration,
        long asyncDuration,
        long processedData,
        long persistedData,
        long alignmentDuration,
        long startDelay,
        boolean unalignedCheckpoint,
        Map<String, Long> operatorStateSizes) {
}
