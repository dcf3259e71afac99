package io.checkpointstudio.engine.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * One task (Flink's job vertex: a chain of operators) in a checkpoint. {@code subtasks} has one entry per
 * subtask, null while that subtask has not acknowledged.
 */
public record TaskCheckpointStats(String id, String name, List<String> operatorIds, int numSubtasks, List<SubtaskCheckpointStats> subtasks) {

    public int numAcknowledgedSubtasks() {
        return (int) subtasks.stream().filter(Objects::nonNull).count();
    }

    public long latestAckTimestamp() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::ackTimestamp).max().orElse(-1);
    }

    public long checkpointedSize() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::checkpointedSize).sum();
    }

    public long stateSize() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::stateSize).sum();
    }

    public long endToEndDuration() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::endToEndDuration).max().orElse(-1);
    }

    public long processedData() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::processedData).sum();
    }

    public long persistedData() {
        return subtasks.stream().filter(Objects::nonNull).mapToLong(SubtaskCheckpointStats::persistedData).sum();
    }
}
