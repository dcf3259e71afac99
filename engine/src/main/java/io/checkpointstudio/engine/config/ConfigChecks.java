package io.checkpointstudio.engine.config;

import static io.checkpointstudio.engine.config.ConfigOptions.ALIGNED_CHECKPOINT_TIMEOUT;
import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTING_INTERVAL;
import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTING_MODE;
import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTS_DIRECTORY;
import static io.checkpointstudio.engine.config.ConfigOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER;
import static io.checkpointstudio.engine.config.ConfigOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF;
import static io.checkpointstudio.engine.config.ConfigOptions.EXPONENTIAL_DELAY_MAX_BACKOFF;
import static io.checkpointstudio.engine.config.ConfigOptions.INCREMENTAL_CHECKPOINTS;
import static io.checkpointstudio.engine.config.ConfigOptions.MAX_CONCURRENT_CHECKPOINTS;
import static io.checkpointstudio.engine.config.ConfigOptions.MAX_PARALLELISM;
import static io.checkpointstudio.engine.config.ConfigOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS;
import static io.checkpointstudio.engine.config.ConfigOptions.PARALLELISM;
import static io.checkpointstudio.engine.config.ConfigOptions.SAVEPOINT_DIRECTORY;
import static io.checkpointstudio.engine.config.ConfigOptions.STATE_BACKEND;
import static io.checkpointstudio.engine.config.ConfigOptions.STATE_RECOVERY_PATH;
import static io.checkpointstudio.engine.config.ConfigOptions.UNALIGNED_CHECKPOINTS;

import io.checkpointstudio.engine.job.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules between options (and the few single-option rules a min/max cannot say), checked after
 * every value has been read. Each problem points at the option that should change.
 */
final class ConfigChecks {

    /** Flink's smallest checkpoint interval and timeout. */
    private static final Duration MINIMAL_CHECKPOINT_TIME = Duration.ofMillis(10);

    /** A URI scheme of two letters or more; one letter is a Windows drive ({@code C:\...}). */
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");

    private ConfigChecks() {
    }

    static List<Problem> check(JobConfig config) {
        List<Problem> problems = new ArrayList<>();
        checkInterval(config, problems);
        checkUnaligned(config, problems);
        checkIncremental(config, problems);
        checkParallelism(config, problems);
        checkRestartStrategy(config, problems);
        for (ConfigOption<String> path : List.of(CHECKPOINTS_DIRECTORY, SAVEPOINT_DIRECTORY, STATE_RECOVERY_PATH)) {
            checkLocalPath(config, path, problems);
        }
        return problems;
    }

    private static void checkInterval(JobConfig config, List<Problem> problems) {
        config.getOptional(CHECKPOINTING_INTERVAL)
                .filter(interval -> !interval.isZero() && interval.compareTo(MINIMAL_CHECKPOINT_TIME) < 0)
                .ifPresent(interval -> problems.add(error(config, CHECKPOINTING_INTERVAL,
                        "must be 0 (no checkpoints) or at least 10ms, got " + Durations.format(interval))));

        Duration interval = config.get(CHECKPOINTING_INTERVAL);
        Duration minPause = config.get(MIN_PAUSE_BETWEEN_CHECKPOINTS);
        if (config.checkpointingEnabled() && minPause.compareTo(interval) > 0) {
            problems.add(warning(config, MIN_PAUSE_BETWEEN_CHECKPOINTS,
                    "the minimum pause (" + Durations.format(minPause) + ") is longer than the interval ("
                            + Durations.format(interval) + "), so checkpoints start less often than '"
                            + config.keyAsWritten(CHECKPOINTING_INTERVAL) + "' says"));
        }
    }

    private static void checkUnaligned(JobConfig config, List<Problem> problems) {
        boolean unaligned = config.get(UNALIGNED_CHECKPOINTS);
        if (unaligned && config.get(CHECKPOINTING_MODE) == CheckpointingMode.AT_LEAST_ONCE) {
            problems.add(error(config, UNALIGNED_CHECKPOINTS,
                    "unaligned checkpoints need EXACTLY_ONCE, but '" + config.keyAsWritten(CHECKPOINTING_MODE)
                            + "' is AT_LEAST_ONCE"));
        }
        int maxConcurrent = config.get(MAX_CONCURRENT_CHECKPOINTS);
        if (unaligned && maxConcurrent > 1) {
            problems.add(error(config, UNALIGNED_CHECKPOINTS,
                    "unaligned checkpoints need '" + config.keyAsWritten(MAX_CONCURRENT_CHECKPOINTS)
                            + "' to be 1, but it is " + maxConcurrent));
        }
        if (!unaligned && config.isSet(ALIGNED_CHECKPOINT_TIMEOUT)) {
            problems.add(warning(config, ALIGNED_CHECKPOINT_TIMEOUT,
                    "has no effect unless '" + config.keyAsWritten(UNALIGNED_CHECKPOINTS) + "' is true"));
        }
    }

    private static void checkIncremental(JobConfig config, List<Problem> problems) {
        if (config.get(INCREMENTAL_CHECKPOINTS) && config.get(STATE_BACKEND) == StateBackendType.HASHMAP) {
            problems.add(warning(config, INCREMENTAL_CHECKPOINTS,
                    "has no effect with the hashmap state backend, which always writes full checkpoints;"
                            + " set '" + config.keyAsWritten(STATE_BACKEND) + "' to rocksdb"));
        }
    }

    private static void checkParallelism(JobConfig config, List<Problem> problems) {
        int parallelism = config.get(PARALLELISM);
        int maxParallelism = config.get(MAX_PARALLELISM);
        if (parallelism > maxParallelism) {
            problems.add(error(config, PARALLELISM,
                    "must not be larger than '" + config.keyAsWritten(MAX_PARALLELISM) + "' ("
                            + maxParallelism + "), got " + parallelism));
        }
    }

    private static void checkRestartStrategy(JobConfig config, List<Problem> problems) {
        // Flink requires a multiplier strictly above 1, which a min cannot say.
        config.getOptional(EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER)
                .filter(multiplier -> multiplier <= 1.0)
                .ifPresent(multiplier -> problems.add(error(config, EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
                        "must be larger than 1, got " + multiplier)));

        Duration initial = config.get(EXPONENTIAL_DELAY_INITIAL_BACKOFF);
        Duration max = config.get(EXPONENTIAL_DELAY_MAX_BACKOFF);
        if (initial.compareTo(max) > 0) {
            problems.add(error(config, EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                    "must not be longer than '" + config.keyAsWritten(EXPONENTIAL_DELAY_MAX_BACKOFF) + "' ("
                            + Durations.format(max) + "), got " + Durations.format(initial)));
        }

        RestartStrategyType effective = config.effectiveRestartStrategyType();
        for (ConfigOption<?> option : ConfigOptions.all()) {
            String strategy = strategyOf(option);
            if (strategy != null && config.isSet(option) && !effective.spellings().contains(strategy)) {
                problems.add(warning(config, option, "has no effect: the restart strategy is "
                        + effective.written() + (config.isSet(ConfigOptions.RESTART_STRATEGY) ? ""
                        : " because '" + config.keyAsWritten(ConfigOptions.RESTART_STRATEGY) + "' is not set")));
            }
        }
    }

    /** "fixed-delay" for {@code restart-strategy.fixed-delay.attempts}; null for other options. */
    private static String strategyOf(ConfigOption<?> option) {
        String[] segments = option.key().split("\\.");
        return segments.length == 3 && segments[0].equals("restart-strategy") ? segments[1] : null;
    }

    private static void checkLocalPath(JobConfig config, ConfigOption<String> option, List<Problem> problems) {
        config.getOptional(option).ifPresent(path -> {
            var scheme = SCHEME.matcher(path.strip());
            if (scheme.find() && !scheme.group(1).toLowerCase(Locale.ROOT).equals("file")) {
                problems.add(warning(config, option, "the embedded engine reads and writes local files only"
                        + " (a plain path or file://); '" + path + "' works when the job runs on Apache Flink"));
            }
        });
    }

    private static Problem error(JobConfig config, ConfigOption<?> option, String message) {
        return Problem.error(JobConfig.pathOf(config.keyAsWritten(option)), message);
    }

    private static Problem warning(JobConfig config, ConfigOption<?> option, String message) {
        return Problem.warning(JobConfig.pathOf(config.keyAsWritten(option)), message);
    }
}
