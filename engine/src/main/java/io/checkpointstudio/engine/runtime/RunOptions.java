package io.checkpointstudio.engine.runtime;

/**
 * How the engine runs a job, beyond the job's own configuration.
 *
 * @param batchSize          records per batch between operators and threads
 * @param channelCapacity    batches a channel holds before its writer blocks (back-pressure)
 * @param metricsIntervalMs  how often a metrics snapshot is taken
 * @param chaining           whether forward edges of equal parallelism are chained into one task
 */
public record RunOptions(int batchSize, int channelCapacity, long metricsIntervalMs, boolean chaining) {

    public static RunOptions defaults() {
        return new RunOptions(1024, 8, 100, true);
    }

    public RunOptions withBatchSize(int size) {
        return new RunOptions(size, channelCapacity, metricsIntervalMs, chaining);
    }

    public RunOptions withChannelCapacity(int capacity) {
        return new RunOptions(batchSize, capacity, metricsIntervalMs, chaining);
    }
}
