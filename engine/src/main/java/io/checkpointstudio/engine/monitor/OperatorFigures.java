package io.checkpointstudio.engine.monitor;

import java.util.List;

/** One operator at one instant: its subtasks and their sums (rates) and maxima (ratios, as Flink colours a vertex). */
public record OperatorFigures(String operatorId, String task, List<SubtaskFigures> subtasks) {

    public long recordsIn() {
        return subtasks.stream().mapToLong(SubtaskFigures::recordsIn).sum();
    }

    public long recordsOut() {
        return subtasks.stream().mapToLong(SubtaskFigures::recordsOut).sum();
    }

    public double recordsInPerSecond() {
        return subtasks.stream().mapToDouble(SubtaskFigures::recordsInPerSecond).sum();
    }

    public double recordsOutPerSecond() {
        return subtasks.stream().mapToDouble(SubtaskFigures::recordsOutPerSecond).sum();
    }

    public double maxBusyRatio() {
        return subtasks.stream().mapToDouble(SubtaskFigures::busyRatio).max().orElse(0);
    }

    public double maxBackPressuredRatio() {
        return subtasks.stream().mapToDouble(SubtaskFigures::backPressuredRatio).max().orElse(0);
    }

    /** A named counter summed over subtasks (e.g. numLateRecordsDropped). */
    public long counter(String name) {
        return subtasks.stream().mapToLong(s -> s.counters().getOrDefault(name, 0L)).sum();
    }
}
