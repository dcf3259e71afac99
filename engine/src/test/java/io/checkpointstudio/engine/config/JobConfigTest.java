package io.checkpointstudio.engine.config;

import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTING_INTERVAL;
import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTING_MODE;
import static io.checkpointstudio.engine.config.ConfigOptions.CHECKPOINTS_DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.job.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {

    /** An ordered map from key, value pairs, as a JSON reader gives it. */
    static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            raw.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return raw;
    }

    static List<Problem> problemsOf(Object... keysAndValues) {
        List<Problem> problems = new ArrayList<>();
        JobConfig.parse(config(keysAndValues), problems);
        return problems;
    }

    // ---- the document of DESIGN.md -------------------------------------------------------------

    @Test
    void designDocument_readsWithOnlyDeprecationWarnings() {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> raw = config(
                "parallelism.default", 2,
                "execution.checkpointing.interval", "3min",
                "execution.checkpointing.mode", "EXACTLY_ONCE",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION",
                "state.backend.type", "rocksdb",
                "state.backend.incremental", true,
                "state.checkpoints.dir", "file:///home/me/.checkpoint-studio/checkpoints");

        JobConfig config = JobConfig.parse(raw, problems);

        assertThat(problems).containsExactly(
                Problem.warning("config.state.backend.incremental",
                        "'state.backend.incremental' is an older name; Flink 2.x prefers 'execution.checkpointing.incremental'"),
                Problem.warning("config.state.checkpoints.dir",
                        "'state.checkpoints.dir' is an older name; Flink 2.x prefers 'execution.checkpointing.dir'"));
        assertThat(config.problems()).isEqualTo(problems);
        assertThat(config.hasErrors()).isFalse();
        assertThat(config.get(ConfigOptions.PARALLELISM)).isEqualTo(2);
        assertThat(config.get(CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.get(CHECKPOINTING_MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(config.get(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(config.get(ConfigOptions.STATE_BACKEND)).isEqualTo(StateBackendType.ROCKSDB);
        assertThat(config.get(ConfigOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(config.get(CHECKPOINTS_DIRECTORY)).isEqualTo("file:///home/me/.checkpoint-studio/checkpoints");
        assertThat(config.checkpointingEnabled()).isTrue();
        assertThat(config.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.EXPONENTIAL_DELAY);
    }

    @Test
    void deprecatedKey_isKeptAsWritten() {
        Map<String, Object> raw = config("execution.checkpointing.interval", "3min",
                "state.checkpoints.dir", "/tmp/checkpoints", "state.checkpoints.num-retained", 3);

        JobConfig config = JobConfig.parse(raw, new ArrayList<>());

        assertThat(config.raw()).isEqualTo(raw);
        assertThat(config.raw().keySet()).containsExactly(
                "execution.checkpointing.interval", "state.checkpoints.dir", "state.checkpoints.num-retained");
        assertThat(config.keyAsWritten(CHECKPOINTS_DIRECTORY)).isEqualTo("state.checkpoints.dir");
        assertThat(config.keyAsWritten(ConfigOptions.SAVEPOINT_DIRECTORY)).isEqualTo("execution.checkpointing.savepoint-dir");
        assertThat(config.get(ConfigOptions.NUM_RETAINED_CHECKPOINTS)).isEqualTo(3);
    }

    @Test
    void raw_isReadOnlyAndACopy() {
        Map<String, Object> raw = config("parallelism.default", 2);
        JobConfig config = JobConfig.parse(raw, new ArrayList<>());
        raw.put("parallelism.default", 3);

        assertThat(config.raw()).containsEntry("parallelism.default", 2);
        assertThatThrownBy(() -> config.raw().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- defaults ------------------------------------------------------------------------------

    @Test
    void emptyConfig_runsWithFlinksDefaults() {
        JobConfig config = JobConfig.empty();

        assertThat(config.problems()).isEmpty();
        assertThat(config.raw()).isEmpty();
        assertThat(config.get(CHECKPOINTING_INTERVAL)).isNull();
        assertThat(config.getOptional(CHECKPOINTING_INTERVAL)).isEmpty();
        assertThat(config.checkpointingEnabled()).isFalse();
        assertThat(config.get(CHECKPOINTING_MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(config.get(ConfigOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.get(ConfigOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isEqualTo(Duration.ZERO);
        assertThat(config.get(ConfigOptions.MAX_CONCURRENT_CHECKPOINTS)).isEqualTo(1);
        assertThat(config.get(ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS)).isZero();
        assertThat(config.get(ConfigOptions.NUM_RETAINED_CHECKPOINTS)).isEqualTo(1);
        assertThat(config.get(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS);
        assertThat(config.get(ConfigOptions.UNALIGNED_CHECKPOINTS)).isFalse();
        assertThat(config.get(ConfigOptions.CHECKPOINTS_AFTER_TASKS_FINISH)).isTrue();
        assertThat(config.get(ConfigOptions.STATE_BACKEND)).isEqualTo(StateBackendType.HASHMAP);
        assertThat(config.get(ConfigOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(config.get(ConfigOptions.PARALLELISM)).isEqualTo(1);
        assertThat(config.get(ConfigOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(config.get(ConfigOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(100));
        assertThat(config.get(CHECKPOINTS_DIRECTORY)).isNull();
        assertThat(config.get(ConfigOptions.RESTART_STRATEGY)).isNull();
        assertThat(config.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.NONE);
        assertThat(config.isSet(CHECKPOINTING_MODE)).isFalse();
        assertThat(config.keyAsWritten(CHECKPOINTS_DIRECTORY)).isEqualTo("execution.checkpointing.dir");
    }

    @Test
    void setOption_isSetAndOptionalHoldsIt() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.mode", "AT_LEAST_ONCE"), new ArrayList<>());

        assertThat(config.isSet(CHECKPOINTING_MODE)).isTrue();
        assertThat(config.getOptional(CHECKPOINTING_MODE)).contains(CheckpointingMode.AT_LEAST_ONCE);
        assertThat(config.getOptional(ConfigOptions.CHECKPOINTING_TIMEOUT)).isEmpty();
    }

    // ---- checkpointing on or off, and the restart strategy that follows ------------------------

    @Test
    void zeroInterval_meansNoCheckpoints() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.interval", "0"), new ArrayList<>());

        assertThat(config.problems()).isEmpty();
        assertThat(config.isSet(CHECKPOINTING_INTERVAL)).isTrue();
        assertThat(config.checkpointingEnabled()).isFalse();
        assertThat(config.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.NONE);
    }

    @Test
    void bareNumberInterval_isMilliseconds() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.interval", 1500), new ArrayList<>());

        assertThat(config.get(CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.checkpointingEnabled()).isTrue();
    }

    @Test
    void checkpointingOnWithoutRestartStrategy_restartsWithExponentialDelay() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.interval", "30s"), new ArrayList<>());

        assertThat(config.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.EXPONENTIAL_DELAY);
    }

    @Test
    void restartStrategySet_winsOverTheDefault() {
        JobConfig withCheckpoints = JobConfig.parse(config("execution.checkpointing.interval", "30s",
                "restart-strategy.type", "fixeddelay"), new ArrayList<>());
        JobConfig withoutCheckpoints = JobConfig.parse(config("restart-strategy", "Failure-Rate"), new ArrayList<>());

        assertThat(withCheckpoints.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.FIXED_DELAY);
        assertThat(withoutCheckpoints.effectiveRestartStrategyType()).isEqualTo(RestartStrategyType.FAILURE_RATE);
    }

    // ---- unknown keys --------------------------------------------------------------------------

    @Test
    void unknownKeyNearMiss_suggestsTheKnownKey() {
        assertThat(problemsOf("execution.checkpointing.intervall", "3min")).containsExactly(
                Problem.error("config.execution.checkpointing.intervall",
                        "unknown option 'execution.checkpointing.intervall'; did you mean 'execution.checkpointing.interval'?"));
    }

    @Test
    void unknownKeyWithTypoInLastSegment_suggestsTheKnownKey() {
        assertThat(problemsOf("state.backend.typ", "rocksdb")).containsExactly(
                Problem.error("config.state.backend.typ",
                        "unknown option 'state.backend.typ'; did you mean 'state.backend.type'?"));
    }

    @Test
    void unknownKeyWithMissingPrefix_suggestsByTheLastSegment() {
        assertThat(problemsOf("checkpointing.interval", "3min")).containsExactly(
                Problem.error("config.checkpointing.interval",
                        "unknown option 'checkpointing.interval'; did you mean 'execution.checkpointing.interval'?"));
        assertThat(problemsOf("restart-strategy.delay", "1s")).containsExactly(
                Problem.error("config.restart-strategy.delay",
                        "unknown option 'restart-strategy.delay'; did you mean 'restart-strategy.fixed-delay.delay'?"));
    }

    @Test
    void unknownKeyThatIsThePrefixOfOneKey_suggestsThatKey() {
        assertThat(problemsOf("parallelism", 2)).containsExactly(
                Problem.error("config.parallelism", "unknown option 'parallelism'; did you mean 'parallelism.default'?"));
        assertThat(problemsOf("execution", Map.of("checkpointing", Map.of("interval", "3min")))).containsExactly(
                Problem.error("config.execution", "unknown option 'execution'"));
    }

    @Test
    void unknownKeyInOtherCase_suggestsTheKnownSpelling() {
        assertThat(problemsOf("Execution.Checkpointing.Timeout", "1min")).containsExactly(
                Problem.error("config.Execution.Checkpointing.Timeout",
                        "unknown option 'Execution.Checkpointing.Timeout'; did you mean 'execution.checkpointing.timeout'?"));
    }

    @Test
    void unknownKeyNearAnOlderName_alsoNamesTheFlink2Key() {
        assertThat(problemsOf("state.checkpoint.dir", "/tmp")).containsExactly(
                Problem.error("config.state.checkpoint.dir",
                        "unknown option 'state.checkpoint.dir'; did you mean 'state.checkpoints.dir'?"
                                + " (Flink 2.x: 'execution.checkpointing.dir')"));
    }

    @Test
    void unknownKeyFarFromEveryKnownKey_hasNoSuggestion() {
        assertThat(problemsOf("high-availability.type", "zookeeper", "taskmanager.numberOfTaskSlots", 4))
                .containsExactly(
                        Problem.error("config.high-availability.type", "unknown option 'high-availability.type'"),
                        Problem.error("config.taskmanager.numberOfTaskSlots",
                                "unknown option 'taskmanager.numberOfTaskSlots'"));
    }

    @Test
    void unknownKey_staysInRawSoTheDocumentRoundTrips() {
        JobConfig config = JobConfig.parse(config("my.own.key", "x", "parallelism.default", 2), new ArrayList<>());

        assertThat(config.raw()).containsExactly(Map.entry("my.own.key", "x"), Map.entry("parallelism.default", 2));
        assertThat(config.hasErrors()).isTrue();
    }

    // ---- wrong values --------------------------------------------------------------------------

    @Test
    void wrongTypeForDuration_saysWhatADurationLooksLike() {
        assertThat(problemsOf("execution.checkpointing.timeout", true)).containsExactly(
                Problem.error("config.execution.checkpointing.timeout", "expected a duration such as 30s, got true"));
    }

    @Test
    void unreadableDurationText_explainsTheSyntax() {
        assertThat(problemsOf("execution.checkpointing.interval", "3 minutes later")).containsExactly(
                Problem.error("config.execution.checkpointing.interval",
                        "'3 minutes later' is not a duration; use a number with a unit such as 500ms, 30s, 3min, 1h"));
    }

    @Test
    void wrongTypeForWholeNumber_quotesTheValue() {
        assertThat(problemsOf("parallelism.default", "two")).containsExactly(
                Problem.error("config.parallelism.default", "expected a whole number such as 2, got 'two'"));
        assertThat(problemsOf("parallelism.default", 2.5)).containsExactly(
                Problem.error("config.parallelism.default", "expected a whole number such as 2, got 2.5"));
    }

    @Test
    void numberWrittenAsText_isAccepted() {
        JobConfig config = JobConfig.parse(config("parallelism.default", "2",
                "execution.checkpointing.unaligned.enabled", "TRUE"), new ArrayList<>());

        assertThat(config.problems()).isEmpty();
        assertThat(config.get(ConfigOptions.PARALLELISM)).isEqualTo(2);
        assertThat(config.get(ConfigOptions.UNALIGNED_CHECKPOINTS)).isTrue();
    }

    @Test
    void wrongTypeForBoolean_saysTrueOrFalse() {
        assertThat(problemsOf("execution.checkpointing.unaligned.enabled", "yes")).containsExactly(
                Problem.error("config.execution.checkpointing.unaligned.enabled", "expected true or false, got 'yes'"));
    }

    @Test
    void objectOrListValue_isAWrongTypeNotACrash() {
        assertThat(problemsOf("execution.checkpointing.dir", Map.of("path", "/tmp"),
                "parallelism.default", List.of(1, 2))).containsExactly(
                Problem.error("config.execution.checkpointing.dir",
                        "expected a path such as file:///tmp/checkpoints, got an object"),
                Problem.error("config.parallelism.default", "expected a whole number such as 2, got a list"));
    }

    @Test
    void missingValue_pointsToTheDefault() {
        assertThat(problemsOf("execution.checkpointing.timeout", null, "execution.checkpointing.dir", null))
                .containsExactly(
                        Problem.error("config.execution.checkpointing.timeout",
                                "no value given; remove the key to use the default, 10min"),
                        Problem.error("config.execution.checkpointing.dir",
                                "no value given; remove the key to leave it unset"));
    }

    @Test
    void outOfRange_namesTheLimit() {
        assertThat(problemsOf(
                "execution.checkpointing.max-concurrent-checkpoints", 0,
                "pipeline.max-parallelism", 40000,
                "execution.checkpointing.timeout", "5ms",
                "restart-strategy.exponential-delay.jitter-factor", 1.5,
                "execution.checkpointing.tolerable-failed-checkpoints", -1))
                .containsExactly(
                        Problem.error("config.execution.checkpointing.max-concurrent-checkpoints",
                                "must be at least 1, got 0"),
                        Problem.error("config.pipeline.max-parallelism", "must be at most 32768, got 40000"),
                        Problem.error("config.execution.checkpointing.timeout", "must be at least 10ms, got 5ms"),
                        Problem.error("config.restart-strategy.exponential-delay.jitter-factor",
                                "must be at most 1.0, got 1.5"),
                        Problem.error("config.execution.checkpointing.tolerable-failed-checkpoints",
                                "must be at least 0, got -1"));
    }

    @Test
    void badEnumValue_listsTheAllowedOnes() {
        assertThat(problemsOf("execution.checkpointing.mode", "EXACT_ONCE", "state.backend.type", "forst"))
                .containsExactly(
                        Problem.error("config.execution.checkpointing.mode",
                                "expected one of EXACTLY_ONCE, AT_LEAST_ONCE, got 'EXACT_ONCE'; did you mean 'EXACTLY_ONCE'?"),
                        Problem.error("config.state.backend.type", "expected one of hashmap, rocksdb, got 'forst'"));
    }

    @Test
    void enumValues_areCaseInsensitive() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.mode", "at_least_once",
                "state.backend.type", "RocksDB",
                "execution.checkpointing.externalized-checkpoint-retention", "retain_on_cancellation",
                "restart-strategy.type", "Exponential-Delay"), new ArrayList<>());

        assertThat(config.problems()).isEmpty();
        assertThat(config.get(CHECKPOINTING_MODE)).isEqualTo(CheckpointingMode.AT_LEAST_ONCE);
        assertThat(config.get(ConfigOptions.STATE_BACKEND)).isEqualTo(StateBackendType.ROCKSDB);
        assertThat(config.get(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(config.get(ConfigOptions.RESTART_STRATEGY)).isEqualTo(RestartStrategyType.EXPONENTIAL_DELAY);
        assertThat(config.raw()).containsEntry("execution.checkpointing.mode", "at_least_once");
    }

    @Test
    void wrongValue_leavesTheOptionAtItsDefault() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.timeout", "soon"), new ArrayList<>());

        assertThat(config.isSet(ConfigOptions.CHECKPOINTING_TIMEOUT)).isFalse();
        assertThat(config.get(ConfigOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.keyAsWritten(ConfigOptions.CHECKPOINTING_TIMEOUT)).isEqualTo("execution.checkpointing.timeout");
        assertThat(config.raw()).containsEntry("execution.checkpointing.timeout", "soon");
    }

    // ---- older and newer names -----------------------------------------------------------------

    @Test
    void sameOptionUnderTwoNames_isAnErrorOnTheSecond() {
        List<Problem> problems = new ArrayList<>();
        JobConfig config = JobConfig.parse(config("state.checkpoints.dir", "/a", "execution.checkpointing.dir", "/b"),
                problems);

        assertThat(problems).containsExactly(
                Problem.warning("config.state.checkpoints.dir",
                        "'state.checkpoints.dir' is an older name; Flink 2.x prefers 'execution.checkpointing.dir'"),
                Problem.error("config.execution.checkpointing.dir",
                        "'state.checkpoints.dir' and 'execution.checkpointing.dir' are two names of the same option;"
                                + " keep one ('execution.checkpointing.dir' is the Flink 2.x name)"));
        assertThat(config.get(CHECKPOINTS_DIRECTORY)).isEqualTo("/a");
        assertThat(config.keyAsWritten(CHECKPOINTS_DIRECTORY)).isEqualTo("state.checkpoints.dir");
    }

    @Test
    void everyDeprecatedName_warnsWithTheFlink2Name() {
        for (ConfigOption<?> option : ConfigOptions.all()) {
            for (String old : option.deprecatedKeys()) {
                assertThat(problemsOf(old, formatAny(option, anyValidValue(option))))
                        .as(old)
                        .contains(Problem.warning("config." + old,
                                "'" + old + "' is an older name; Flink 2.x prefers '" + option.key() + "'"));
            }
        }
    }

    @Test
    void problems_areAddedToTheCallersList() {
        List<Problem> problems = new ArrayList<>(List.of(Problem.error("operators[0]", "earlier finding")));
        JobConfig.parse(config("parallelism.default", 0), problems);

        assertThat(problems).containsExactly(Problem.error("operators[0]", "earlier finding"),
                Problem.error("config.parallelism.default", "must be at least 1, got 0"));
    }

    // ---- withValue -----------------------------------------------------------------------------

    @Test
    void withValue_replacesAnOlderNameInPlace() {
        JobConfig config = JobConfig.parse(config("parallelism.default", 2, "state.checkpoints.dir", "/a",
                "execution.checkpointing.interval", "1min"), new ArrayList<>());

        JobConfig changed = config.withValue("execution.checkpointing.dir", "/b");

        assertThat(changed.raw()).containsExactly(Map.entry("parallelism.default", 2),
                Map.entry("execution.checkpointing.dir", "/b"), Map.entry("execution.checkpointing.interval", "1min"));
        assertThat(changed.get(CHECKPOINTS_DIRECTORY)).isEqualTo("/b");
        assertThat(changed.problems()).isEmpty();
        assertThat(config.get(CHECKPOINTS_DIRECTORY)).isEqualTo("/a");
    }

    @Test
    void withValue_underAnOlderName_replacesTheNewerEntry() {
        JobConfig config = JobConfig.parse(config("execution.checkpointing.incremental", false), new ArrayList<>());

        JobConfig changed = config.withValue("state.backend.incremental", "true");

        assertThat(changed.raw()).containsExactly(Map.entry("state.backend.incremental", true));
        assertThat(changed.get(ConfigOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(changed.problems()).extracting(Problem::severity).contains(Problem.Severity.WARNING);
    }

    @Test
    void withValue_addsANewKeyAtTheEnd() {
        JobConfig config = JobConfig.parse(config("parallelism.default", 2), new ArrayList<>());

        JobConfig changed = config.withValue("execution.checkpointing.interval", "30s");

        assertThat(changed.raw()).containsExactly(Map.entry("parallelism.default", 2),
                Map.entry("execution.checkpointing.interval", "30s"));
        assertThat(changed.checkpointingEnabled()).isTrue();
    }

    @Test
    void withValue_storesNumbersAndBooleansAsJsonWould() {
        JobConfig changed = JobConfig.empty()
                .withValue("parallelism.default", "4")
                .withValue("execution.checkpointing.unaligned.enabled", "True")
                .withValue("restart-strategy.exponential-delay.backoff-multiplier", "2.5")
                .withValue("execution.checkpointing.timeout", "5min")
                .withValue("execution.checkpointing.tolerable-failed-checkpoints", "many");

        assertThat(changed.raw()).containsExactly(
                Map.entry("parallelism.default", 4),
                Map.entry("execution.checkpointing.unaligned.enabled", true),
                Map.entry("restart-strategy.exponential-delay.backoff-multiplier", 2.5),
                Map.entry("execution.checkpointing.timeout", "5min"),
                Map.entry("execution.checkpointing.tolerable-failed-checkpoints", "many"));
        assertThat(changed.problems()).filteredOn(Problem::isError).containsExactly(
                Problem.error("config.execution.checkpointing.tolerable-failed-checkpoints",
                        "expected a whole number such as 2, got 'many'"));
    }

    @Test
    void withValue_resolvesAnOptionGivenTwice() {
        JobConfig config = JobConfig.parse(config("state.checkpoints.dir", "/a", "parallelism.default", 2,
                "execution.checkpointing.dir", "/b"), new ArrayList<>());

        JobConfig changed = config.withValue("execution.checkpointing.dir", "/c");

        assertThat(changed.raw()).containsExactly(Map.entry("execution.checkpointing.dir", "/c"),
                Map.entry("parallelism.default", 2));
        assertThat(changed.problems()).isEmpty();
    }

    @Test
    void withValue_unknownKey_isAddedAndReported() {
        JobConfig changed = JobConfig.empty().withValue("execution.checkpointing.intervall", "1min");

        assertThat(changed.raw()).containsExactly(Map.entry("execution.checkpointing.intervall", "1min"));
        assertThat(changed.problems()).extracting(Problem::message).containsExactly(
                "unknown option 'execution.checkpointing.intervall'; did you mean 'execution.checkpointing.interval'?");
    }

    @Test
    void withoutValue_removesTheOptionUnderAnyName() {
        JobConfig config = JobConfig.parse(config("state.checkpoints.dir", "/a", "parallelism.default", 2),
                new ArrayList<>());

        JobConfig changed = config.withoutValue("execution.checkpointing.dir");

        assertThat(changed.raw()).containsExactly(Map.entry("parallelism.default", 2));
        assertThat(changed.isSet(CHECKPOINTS_DIRECTORY)).isFalse();
    }

    @Test
    void equalConfigs_haveEqualEntries() {
        JobConfig one = JobConfig.parse(config("parallelism.default", 2), new ArrayList<>());

        assertThat(one).isEqualTo(JobConfig.empty().withValue("parallelism.default", "2"));
        assertThat(one).isNotEqualTo(JobConfig.empty());
    }

    private static Object anyValidValue(ConfigOption<?> option) {
        return option.defaultValue().isPresent() ? option.defaultValue().get()
                : switch (option.type()) {
                    case PATH -> "/tmp/somewhere";
                    case ENUM -> option.valueClass().getEnumConstants()[0];
                    case DURATION -> Duration.ofSeconds(1);
                    default -> throw new AssertionError("no sample value for " + option.type());
                };
    }

    @SuppressWarnings("unchecked")
    private static <T> String formatAny(ConfigOption<T> option, Object value) {
        return option.format((T) value);
    }
}
