package io.checkpointstudio.engine.config;

import io.checkpointstudio.engine.config.ConfigOption.Group;
import io.checkpointstudio.engine.config.ConfigOption.ValueType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration option a job document may set, under Flink's keys and with Flink's defaults
 * (Flink 2.x, see {@code research/flink-anchor.md} §1). The few options Flink has no equivalent for live under
 * {@code checkpoint-studio.}; they are not passed on when the job runs on Flink. The order of {@link #all()} is the order of
 * the property panel.
 */
public final class ConfigOptions {

    // ---- checkpointing -------------------------------------------------------------------------

    public static final ConfigOption<Duration> CHECKPOINTING_INTERVAL =
            duration("execution.checkpointing.interval")
                    .describe(Group.CHECKPOINTING, "Checkpoint interval",
                            "How often a checkpoint is triggered; not set or 0 means no checkpoints.");

    public static final ConfigOption<CheckpointingMode> CHECKPOINTING_MODE =
            enumeration("execution.checkpointing.mode", CheckpointingMode.class)
                    .defaultValue(CheckpointingMode.EXACTLY_ONCE)
                    .describe(Group.CHECKPOINTING, "Checkpointing mode",
                            "Whether a recovery counts every record exactly once or at least once.");

    public static final ConfigOption<Duration> CHECKPOINTING_TIMEOUT =
            duration("execution.checkpointing.timeout")
                    .defaultValue(Duration.ofMinutes(10))
                    .min(Duration.ofMillis(10))
                    .describe(Group.CHECKPOINTING, "Checkpoint timeout",
                            "How long a checkpoint may take before it is aborted and counted as failed.");

    public static final ConfigOption<Duration> MIN_PAUSE_BETWEEN_CHECKPOINTS =
            duration("execution.checkpointing.min-pause")
                    .defaultValue(Duration.ZERO)
                    .describe(Group.CHECKPOINTING, "Minimum pause between checkpoints",
                            "The least time between the end of one checkpoint and the start of the next.");

    public static final ConfigOption<Integer> MAX_CONCURRENT_CHECKPOINTS =
            integer("execution.checkpointing.max-concurrent-checkpoints")
                    .defaultValue(1)
                    .min(1)
                    .describe(Group.CHECKPOINTING, "Maximum concurrent checkpoints",
                            "How many checkpoints may be in progress at the same time.");

    public static final ConfigOption<Integer> TOLERABLE_FAILED_CHECKPOINTS =
            integer("execution.checkpointing.tolerable-failed-checkpoints")
                    .defaultValue(0)
                    .min(0)
                    .describe(Group.CHECKPOINTING, "Tolerable failed checkpoints",
                            "How many checkpoints in a row may fail before the job itself fails.");

    public static final ConfigOption<Boolean> UNALIGNED_CHECKPOINTS =
            bool("execution.checkpointing.unaligned.enabled")
                    .deprecatedKeys("execution.checkpointing.unaligned")
                    .defaultValue(false)
                    .describe(Group.CHECKPOINTING, "Unaligned checkpoints",
                            "Lets checkpoint barriers overtake buffered records, so checkpoints finish quickly under back-pressure.");

    public static final ConfigOption<Duration> ALIGNED_CHECKPOINT_TIMEOUT =
            duration("execution.checkpointing.aligned-checkpoint-timeout")
                    .deprecatedKeys("execution.checkpointing.alignment-timeout")
                    .defaultValue(Duration.ZERO)
                    .describe(Group.CHECKPOINTING, "Aligned checkpoint timeout",
                            "With unaligned checkpoints on, how long a checkpoint tries to align before it switches to unaligned.");

    public static final ConfigOption<Boolean> CHECKPOINTS_AFTER_TASKS_FINISH =
            bool("execution.checkpointing.checkpoints-after-tasks-finish")
                    .deprecatedKeys("execution.checkpointing.checkpoints-after-tasks-finish.enabled")
                    .defaultValue(true)
                    .describe(Group.CHECKPOINTING, "Checkpoints after tasks finish",
                            "Keeps taking checkpoints after some tasks, such as bounded sources, have finished.");

    // ---- storage and retention -----------------------------------------------------------------

    public static final ConfigOption<String> CHECKPOINTS_DIRECTORY =
            path("execution.checkpointing.dir")
                    .deprecatedKeys("state.checkpoints.dir", "state.backend.fs.checkpointdir")
                    .describe(Group.STORAGE, "Checkpoint directory",
                            "The directory where checkpoints are written.");

    public static final ConfigOption<String> SAVEPOINT_DIRECTORY =
            path("execution.checkpointing.savepoint-dir")
                    .deprecatedKeys("state.savepoints.dir", "savepoints.state.backend.fs.dir")
                    .describe(Group.STORAGE, "Savepoint directory",
                            "The directory where savepoints are written when no other target is given.");

    public static final ConfigOption<Integer> NUM_RETAINED_CHECKPOINTS =
            integer("execution.checkpointing.num-retained")
                    .deprecatedKeys("state.checkpoints.num-retained")
                    .defaultValue(1)
                    .min(1)
                    .describe(Group.STORAGE, "Retained checkpoints",
                            "How many completed checkpoints are kept; older ones are deleted.");

    public static final ConfigOption<ExternalizedCheckpointRetention> EXTERNALIZED_CHECKPOINT_RETENTION =
            enumeration("execution.checkpointing.externalized-checkpoint-retention",
                    ExternalizedCheckpointRetention.class)
                    .defaultValue(ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS)
                    .describe(Group.STORAGE, "Checkpoint retention on cancel",
                            "Whether retained checkpoints are kept or deleted when the job is cancelled.");

    /** Checkpoint Studio's own (the {@code checkpoint-studio.} namespace): Flink's REST API writes anywhere. */
    public static final ConfigOption<String> REST_SAVEPOINT_ROOTS =
            text("checkpoint-studio.rest.savepoint-roots")
                    .describe(Group.STORAGE, "Savepoint folders for the REST API",
                            "The folders a savepoint requested over the REST API may be written under, separated by ';'.");

    // ---- state backend -------------------------------------------------------------------------

    public static final ConfigOption<StateBackendType> STATE_BACKEND =
            enumeration("state.backend.type", StateBackendType.class)
                    .deprecatedKeys("state.backend")
                    .defaultValue(StateBackendType.HASHMAP)
                    .describe(Group.STATE_BACKEND, "State backend",
                            "Where operator state lives while the job runs: on the heap or in RocksDB on local disk.");

    public static final ConfigOption<Boolean> INCREMENTAL_CHECKPOINTS =
            bool("execution.checkpointing.incremental")
                    .deprecatedKeys("state.backend.incremental")
                    .defaultValue(false)
                    .describe(Group.STATE_BACKEND, "Incremental checkpoints",
                            "Writes only the state files that changed since the last checkpoint (RocksDB only).");

    // ---- parallelism and execution -------------------------------------------------------------

    public static final ConfigOption<Integer> PARALLELISM =
            integer("parallelism.default")
                    .defaultValue(1)
                    .min(1)
                    .describe(Group.PARALLELISM, "Parallelism",
                            "How many parallel subtasks each operator runs.");

    public static final ConfigOption<Integer> MAX_PARALLELISM =
            integer("pipeline.max-parallelism")
                    .defaultValue(128)
                    .min(1)
                    .max(32768)
                    .describe(Group.PARALLELISM, "Maximum parallelism",
                            "The number of key groups: the highest parallelism keyed state can be rescaled to.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT =
            duration("execution.buffer-timeout.interval")
                    .deprecatedKeys("execution.buffer-timeout")
                    .defaultValue(Duration.ofMillis(100))
                    .describe(Group.EXECUTION, "Buffer timeout",
                            "How long a partly filled output buffer may wait before it is sent downstream.");

    public static final ConfigOption<Duration> AUTO_WATERMARK_INTERVAL =
            duration("pipeline.auto-watermark-interval")
                    .defaultValue(Duration.ofMillis(200))
                    .describe(Group.EXECUTION, "Watermark interval",
                            "How often sources emit event-time watermarks; 0 sends none before the end of the input (Flink's meaning).");

    /** Checkpoint Studio's own (the {@code checkpoint-studio.} namespace): Flink has no such option. */
    public static final ConfigOption<Duration> NO_PROGRESS_TIMEOUT =
            duration("checkpoint-studio.task.no-progress-timeout")
                    .defaultValue(Duration.ofMinutes(1))
                    .describe(Group.EXECUTION, "No-progress timeout",
                            "How long a task may work on one batch of records without progress before it fails; 0 never.");

    // ---- restart strategy ----------------------------------------------------------------------

    public static final ConfigOption<RestartStrategyType> RESTART_STRATEGY =
            enumeration("restart-strategy.type", RestartStrategyType.class)
                    .deprecatedKeys("restart-strategy")
                    .describe(Group.RESTART, "Restart strategy",
                            "Whether and how soon a failed job is restarted from its latest checkpoint.");

    public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS =
            integer("restart-strategy.fixed-delay.attempts")
                    .defaultValue(1)
                    .min(0)
                    .describe(Group.RESTART, "Fixed delay: attempts",
                            "How many restarts the fixed-delay strategy makes before the job fails for good.");

    public static final ConfigOption<Duration> FIXED_DELAY_DELAY =
            duration("restart-strategy.fixed-delay.delay")
                    .defaultValue(Duration.ofSeconds(1))
                    .describe(Group.RESTART, "Fixed delay: delay",
                            "How long the fixed-delay strategy waits before each restart.");

    public static final ConfigOption<Integer> FAILURE_RATE_MAX_FAILURES =
            integer("restart-strategy.failure-rate.max-failures-per-interval")
                    .defaultValue(1)
                    .min(1)
                    .describe(Group.RESTART, "Failure rate: maximum failures",
                            "How many failures within one interval the failure-rate strategy accepts.");

    public static final ConfigOption<Duration> FAILURE_RATE_INTERVAL =
            duration("restart-strategy.failure-rate.failure-rate-interval")
                    .defaultValue(Duration.ofMinutes(1))
                    .min(Duration.ofMillis(1))
                    .describe(Group.RESTART, "Failure rate: interval",
                            "The time window in which the failure-rate strategy counts failures.");

    public static final ConfigOption<Duration> FAILURE_RATE_DELAY =
            duration("restart-strategy.failure-rate.delay")
                    .defaultValue(Duration.ofSeconds(1))
                    .describe(Group.RESTART, "Failure rate: delay",
                            "How long the failure-rate strategy waits before each restart.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_INITIAL_BACKOFF =
            duration("restart-strategy.exponential-delay.initial-backoff")
                    .defaultValue(Duration.ofSeconds(1))
                    .min(Duration.ofMillis(1))
                    .describe(Group.RESTART, "Exponential delay: initial backoff",
                            "The wait before the first restart of the exponential-delay strategy.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_MAX_BACKOFF =
            duration("restart-strategy.exponential-delay.max-backoff")
                    .defaultValue(Duration.ofMinutes(1))
                    .min(Duration.ofMillis(1))
                    .describe(Group.RESTART, "Exponential delay: maximum backoff",
                            "The longest wait between restarts of the exponential-delay strategy.");

    public static final ConfigOption<Double> EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER =
            decimal("restart-strategy.exponential-delay.backoff-multiplier")
                    .defaultValue(1.5)
                    .describe(Group.RESTART, "Exponential delay: backoff multiplier",
                            "The factor by which the wait grows after each failure.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD =
            duration("restart-strategy.exponential-delay.reset-backoff-threshold")
                    .defaultValue(Duration.ofHours(1))
                    .min(Duration.ofMillis(1))
                    .describe(Group.RESTART, "Exponential delay: reset threshold",
                            "How long the job must run without failing before the wait goes back to the initial backoff.");

    public static final ConfigOption<Double> EXPONENTIAL_DELAY_JITTER_FACTOR =
            decimal("restart-strategy.exponential-delay.jitter-factor")
                    .defaultValue(0.1)
                    .min(0.0)
                    .max(1.0)
                    .describe(Group.RESTART, "Exponential delay: jitter",
                            "The random share added to or taken from each wait, so that many jobs do not restart in step.");

    public static final ConfigOption<Integer> EXPONENTIAL_DELAY_ATTEMPTS =
            integer("restart-strategy.exponential-delay.attempts-before-reset-backoff")
                    .defaultValue(Integer.MAX_VALUE)
                    .min(1)
                    .describe(Group.RESTART, "Exponential delay: attempts",
                            "How many restarts the exponential-delay strategy makes before the job fails for good.");

    // ---- recovery ------------------------------------------------------------------------------

    public static final ConfigOption<String> STATE_RECOVERY_PATH =
            path("execution.state-recovery.path")
                    .deprecatedKeys("execution.savepoint.path")
                    .describe(Group.RECOVERY, "Restore from",
                            "A savepoint or retained checkpoint the job starts from instead of empty state.");

    public static final ConfigOption<Boolean> IGNORE_UNCLAIMED_STATE =
            bool("execution.state-recovery.ignore-unclaimed-state")
                    .deprecatedKeys("execution.savepoint.ignore-unclaimed-state")
                    .defaultValue(false)
                    .describe(Group.RECOVERY, "Allow non-restored state",
                            "Lets a restore skip state of operators that are no longer in the job.");

    private static final List<ConfigOption<?>> ALL = List.of(
            CHECKPOINTING_INTERVAL, CHECKPOINTING_MODE, CHECKPOINTING_TIMEOUT, MIN_PAUSE_BETWEEN_CHECKPOINTS,
            MAX_CONCURRENT_CHECKPOINTS, TOLERABLE_FAILED_CHECKPOINTS, UNALIGNED_CHECKPOINTS,
            ALIGNED_CHECKPOINT_TIMEOUT, CHECKPOINTS_AFTER_TASKS_FINISH,
            CHECKPOINTS_DIRECTORY, SAVEPOINT_DIRECTORY, NUM_RETAINED_CHECKPOINTS, EXTERNALIZED_CHECKPOINT_RETENTION,
            REST_SAVEPOINT_ROOTS,
            STATE_BACKEND, INCREMENTAL_CHECKPOINTS,
            PARALLELISM, MAX_PARALLELISM, BUFFER_TIMEOUT, AUTO_WATERMARK_INTERVAL, NO_PROGRESS_TIMEOUT,
            RESTART_STRATEGY, FIXED_DELAY_ATTEMPTS, FIXED_DELAY_DELAY,
            FAILURE_RATE_MAX_FAILURES, FAILURE_RATE_INTERVAL, FAILURE_RATE_DELAY,
            EXPONENTIAL_DELAY_INITIAL_BACKOFF, EXPONENTIAL_DELAY_MAX_BACKOFF, EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
            EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, EXPONENTIAL_DELAY_JITTER_FACTOR, EXPONENTIAL_DELAY_ATTEMPTS,
            STATE_RECOVERY_PATH, IGNORE_UNCLAIMED_STATE);

    private static final Map<String, ConfigOption<?>> BY_KEY = indexByKey();

    private ConfigOptions() {
    }

    /** Every option, in property-panel order. */
    public static List<ConfigOption<?>> all() {
        return ALL;
    }

    /** The option known under {@code key}, preferred or deprecated; keys are case-sensitive, as in Flink. */
    public static Optional<ConfigOption<?>> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Every key the registry knows, preferred and deprecated. */
    public static Set<String> knownKeys() {
        return BY_KEY.keySet();
    }

    private static Map<String, ConfigOption<?>> indexByKey() {
        Map<String, ConfigOption<?>> byKey = new HashMap<>();
        for (ConfigOption<?> option : ALL) {
            for (String key : option.keys()) {
                if (byKey.put(key, option) != null) {
                    throw new IllegalStateException("two options share the key " + key);
                }
            }
        }
        return Map.copyOf(byKey);
    }

    private static ConfigOption.Builder<Duration> duration(String key) {
        return ConfigOption.builder(key, ValueType.DURATION, Duration.class);
    }

    private static ConfigOption.Builder<Integer> integer(String key) {
        return ConfigOption.builder(key, ValueType.INTEGER, Integer.class);
    }

    private static ConfigOption.Builder<Double> decimal(String key) {
        return ConfigOption.builder(key, ValueType.DOUBLE, Double.class);
    }

    private static ConfigOption.Builder<Boolean> bool(String key) {
        return ConfigOption.builder(key, ValueType.BOOLEAN, Boolean.class);
    }

    private static ConfigOption.Builder<String> text(String key) {
        return ConfigOption.builder(key, ValueType.STRING, String.class);
    }

    private static ConfigOption.Builder<String> path(String key) {
        return ConfigOption.builder(key, ValueType.PATH, String.class);
    }

    private static <E extends Enum<E> & ConfigEnum> ConfigOption.Builder<E> enumeration(String key, Class<E> type) {
        return ConfigOption.builder(key, ValueType.ENUM, type);
    }
}
