package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The checkpoint options of a job, resolved from its configuration with Flink's defaults. */
public record CheckpointSettings(
        boolean enabled,
        Duration interval,
        Duration timeout,
        Duration minPause,
        int maxConcurrent,
        int tolerableFailures,
        CheckpointingMode mode,
        boolean unaligned,
        Duration alignedTimeout,
        ExternalizedCheckpointRetention retention,
        int numRetained,
        Path directory,
        Path savepointDirectory,
        boolean afterTasksFinish) {

    /** Where checkpoints go when {@code execution.checkpointing.dir} is not set. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "checkpoint-studio", "checkpoints");
    }

    public static CheckpointSettings of(JobConfig config) {
        String dir = config.get(ConfigOptions.CHECKPOINTS_DIRECTORY);
        String savepoints = config.get(ConfigOptions.SAVEPOINT_DIRECTORY);
        return new CheckpointSettings(
                config.checkpointingEnabled(),
                config.get(ConfigOptions.CHECKPOINTING_INTERVAL),
                config.get(ConfigOptions.CHECKPOINTING_TIMEOUT),
                config.get(ConfigOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS),
                config.get(ConfigOptions.MAX_CONCURRENT_CHECKPOINTS),
                config.get(ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS),
                config.get(ConfigOptions.CHECKPOINTING_MODE),
                config.get(ConfigOptions.UNALIGNED_CHECKPOINTS),
                config.get(ConfigOptions.ALIGNED_CHECKPOINT_TIMEOUT),
                config.get(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION),
                config.get(ConfigOptions.NUM_RETAINED_CHECKPOINTS),
                dir == null ? defaultDirectory() : toPath(dir),
                savepoints == null ? null : toPath(savepoints),
                config.get(ConfigOptions.CHECKPOINTS_AFTER_TASKS_FINISH));
    }

    /** Accepts plain paths and {@code file://} URIs, as Flink does. */
    public static Path toPath(String dir) {
        if (dir.startsWith("file://")) {
            return Path.of(java.net.URI.create(dir));
        }
        if (dir.startsWith("file:")) {
            return Path.of(dir.substring(5));
        }
        return Path.of(dir);
    }

    public boolean exactlyOnce() {
        return mode == CheckpointingMode.EXACTLY_ONCE;
    }

    /** Barriers start unaligned (UC on, no aligned phase). */
    public boolean startUnaligned() {
        return exactlyOnce() && unaligned && alignedTimeout.isZero();
    }
}
