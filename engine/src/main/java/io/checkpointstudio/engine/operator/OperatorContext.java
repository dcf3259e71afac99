package io.checkpointstudio.engine.operator;

import java.time.Duration;
import java.util.function.Function;

/**
 * Where an operator instance runs: its operator id, the job's name and the id of this run of the job
 * ({@code jobId}: a fresh start and a start from a checkpoint or savepoint each get a new one, restarts
 * within the run keep it; two-phase-commit sinks name the work they leave pending with it, so two jobs
 * never share it even when they share a name), which parallel subtask it is, the key groups it owns
 * (for keyed operators; key groups are how keyed state is split and later rescaled), and counters it may
 * report under its own names (shown in the monitor and in {@code run --json}), whether a checkpoint
 * follows the end of a bounded input ({@code finalCheckpoint}: checkpointing is on), which a
 * two-phase-commit sink needs to know when to commit its last records, and how often a source that makes
 * its own watermarks sends them ({@code pipeline.auto-watermark-interval}; zero: not periodically).
 */
public record OperatorContext(
        String operatorId,
        String jobName,
        String jobId,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        int firstKeyGroup,
        int lastKeyGroup,
        int batchSize,
        Function<String, ? extends CounterMetric> counters,
        JobScope jobScope,
        int attempt,
        boolean finalCheckpoint,
        Duration autoWatermarkInterval) {

    /** The label Flink uses for a subtask: {@code "sum (2/4)"}. */
    public String subtaskLabel() {
        return operatorId + " (" + (subtaskIndex + 1) + "/" + parallelism + ")";
    }

    /** An object kept for this operator subtask across restarts of the job in this process (not checkpointed). */
    public <T> T jobScoped(String name, java.util.function.Supplier<T> factory) {
        return jobScope.getOrCreate(operatorId + "/" + subtaskIndex + "/" + name, factory);
    }

    /** A counter reported under this operator, e.g. {@code numLateRecordsDropped}. Add to it from the subtask's thread only. */
    public CounterMetric counter(String name) {
        return counters.apply(name);
    }
}
