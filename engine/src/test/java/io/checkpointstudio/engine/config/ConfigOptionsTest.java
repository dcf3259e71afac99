package io.checkpointstudio.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.config.ConfigOption.Group;
import io.checkpointstudio.engine.config.ConfigOption.ValueType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigOptionsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the guide, old names included
            "execution.checkpointing.interval", "execution.checkpointing.mode",
            "execution.checkpointing.externalized-checkpoint-retention",
            "execution.checkpointing.max-concurrent-checkpoints", "execution.checkpointing.min-pause",
            "execution.checkpointing.timeout", "execution.checkpointing.tolerable-failed-checkpoints",
            "execution.checkpointing.unaligned", "state.backend.type", "state.backend.incremental",
            "state.checkpoints.dir", "state.savepoints.dir",
            // DESIGN.md
            "parallelism.default", "state.checkpoints.num-retained"})
    void everyOptionOfTheGuideAndTheDesign_isKnown(String key) {
        assertThat(ConfigOptions.find(key)).isPresent();
    }

    @Test
    void deprecatedKey_findsTheSameOptionAsThePreferredOne() {
        assertThat(ConfigOptions.find("state.checkpoints.dir")).containsSame(ConfigOptions.CHECKPOINTS_DIRECTORY);
        assertThat(ConfigOptions.find("state.backend.fs.checkpointdir")).containsSame(ConfigOptions.CHECKPOINTS_DIRECTORY);
        assertThat(ConfigOptions.find("execution.checkpointing.dir")).containsSame(ConfigOptions.CHECKPOINTS_DIRECTORY);
        assertThat(ConfigOptions.find("state.backend")).containsSame(ConfigOptions.STATE_BACKEND);
        assertThat(ConfigOptions.find("restart-strategy")).containsSame(ConfigOptions.RESTART_STRATEGY);
        assertThat(ConfigOptions.find("execution.savepoint.path")).containsSame(ConfigOptions.STATE_RECOVERY_PATH);
        assertThat(ConfigOptions.find("execution.checkpointing.alignment-timeout"))
                .containsSame(ConfigOptions.ALIGNED_CHECKPOINT_TIMEOUT);
    }

    @Test
    void unknownOrMiscasedKey_isNotFound() {
        assertThat(ConfigOptions.find("execution.checkpointing.intervall")).isEmpty();
        assertThat(ConfigOptions.find("Execution.Checkpointing.Interval")).isEmpty();
    }

    static Stream<Arguments> flinkDefaults() {
        return Stream.of(
                Arguments.of(ConfigOptions.CHECKPOINTING_INTERVAL, "none"),
                Arguments.of(ConfigOptions.CHECKPOINTING_MODE, "EXACTLY_ONCE"),
                Arguments.of(ConfigOptions.CHECKPOINTING_TIMEOUT, "10min"),
                Arguments.of(ConfigOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, "0ms"),
                Arguments.of(ConfigOptions.MAX_CONCURRENT_CHECKPOINTS, "1"),
                Arguments.of(ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS, "0"),
                Arguments.of(ConfigOptions.UNALIGNED_CHECKPOINTS, "false"),
                Arguments.of(ConfigOptions.ALIGNED_CHECKPOINT_TIMEOUT, "0ms"),
                Arguments.of(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION, "NO_EXTERNALIZED_CHECKPOINTS"),
                Arguments.of(ConfigOptions.CHECKPOINTS_AFTER_TASKS_FINISH, "true"),
                Arguments.of(ConfigOptions.NUM_RETAINED_CHECKPOINTS, "1"),
                Arguments.of(ConfigOptions.CHECKPOINTS_DIRECTORY, "none"),
                Arguments.of(ConfigOptions.SAVEPOINT_DIRECTORY, "none"),
                Arguments.of(ConfigOptions.INCREMENTAL_CHECKPOINTS, "false"),
                Arguments.of(ConfigOptions.STATE_BACKEND, "hashmap"),
                Arguments.of(ConfigOptions.PARALLELISM, "1"),
                Arguments.of(ConfigOptions.MAX_PARALLELISM, "128"),
                Arguments.of(ConfigOptions.BUFFER_TIMEOUT, "100ms"),
                Arguments.of(ConfigOptions.AUTO_WATERMARK_INTERVAL, "200ms"),
                Arguments.of(ConfigOptions.NO_PROGRESS_TIMEOUT, "1min"),
                Arguments.of(ConfigOptions.REST_SAVEPOINT_ROOTS, "none"),
                Arguments.of(ConfigOptions.RESTART_STRATEGY, "none"),
                Arguments.of(ConfigOptions.FIXED_DELAY_ATTEMPTS, "1"),
                Arguments.of(ConfigOptions.FIXED_DELAY_DELAY, "1s"),
                Arguments.of(ConfigOptions.FAILURE_RATE_MAX_FAILURES, "1"),
                Arguments.of(ConfigOptions.FAILURE_RATE_INTERVAL, "1min"),
                Arguments.of(ConfigOptions.FAILURE_RATE_DELAY, "1s"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF, "1s"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_MAX_BACKOFF, "1min"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, "1.5"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, "1h"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_JITTER_FACTOR, "0.1"),
                Arguments.of(ConfigOptions.EXPONENTIAL_DELAY_ATTEMPTS, "2147483647"),
                Arguments.of(ConfigOptions.STATE_RECOVERY_PATH, "none"),
                Arguments.of(ConfigOptions.IGNORE_UNCLAIMED_STATE, "false"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("flinkDefaults")
    void defaults_areFlinks(ConfigOption<?> option, String expected) {
        assertThat(option.formatDefault()).isEqualTo(expected);
    }

    @Test
    void everyOption_hasItsDefaultListedInThisTest() {
        assertThat(flinkDefaults().map(arguments -> arguments.get()[0]).toList())
                .containsExactlyInAnyOrderElementsOf(ConfigOptions.all());
    }

    @Test
    void everyPublicConstant_isRegistered() {
        List<Object> constants = Arrays.stream(ConfigOptions.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class)
                .map(ConfigOptionsTest::valueOf)
                .toList();
        assertThat(constants).containsExactlyInAnyOrderElementsOf(ConfigOptions.all());
    }

    @Test
    void everyDefault_survivesFormatThenParse() {
        for (ConfigOption<?> option : ConfigOptions.all()) {
            option.defaultValue().ifPresent(value -> assertThat(reparse(option)).as(option.key()).isEqualTo(value));
        }
    }

    @Test
    void everyOption_hasTextsAndAGroup() {
        for (ConfigOption<?> option : ConfigOptions.all()) {
            assertThat(option.label()).as(option.key()).isNotBlank();
            assertThat(option.summary()).as(option.key()).isNotBlank().doesNotContain("\n").endsWith(".");
            assertThat(option.group().displayName()).isNotBlank();
            assertThat(option.helpKey()).isEqualTo("config/" + option.key());
        }
        assertThat(Arrays.stream(Group.values()))
                .allSatisfy(group -> assertThat(ConfigOptions.all()).anyMatch(option -> option.group() == group));
    }

    @Test
    void enumOption_listsEverySpellingFlinkAccepts() {
        assertThat(ConfigOptions.RESTART_STRATEGY.allowedValues()).containsExactly(
                "none", "off", "disable", "fixed-delay", "fixeddelay", "failure-rate", "failurerate",
                "exponential-delay", "exponentialdelay");
        assertThat(ConfigOptions.CHECKPOINTING_MODE.allowedValues()).containsExactly("EXACTLY_ONCE", "AT_LEAST_ONCE");
        assertThat(ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION.allowedValues()).containsExactly(
                "DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION", "NO_EXTERNALIZED_CHECKPOINTS");
        assertThat(ConfigOptions.STATE_BACKEND.allowedValues()).containsExactly("hashmap", "rocksdb");
        assertThat(ConfigOptions.PARALLELISM.allowedValues()).isEmpty();
    }

    @Test
    void limits_areFlinks() {
        assertThat(ConfigOptions.MAX_CONCURRENT_CHECKPOINTS.min()).contains(1);
        assertThat(ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS.min()).contains(0);
        assertThat(ConfigOptions.NUM_RETAINED_CHECKPOINTS.min()).contains(1);
        assertThat(ConfigOptions.PARALLELISM.min()).contains(1);
        assertThat(ConfigOptions.MAX_PARALLELISM.min()).contains(1);
        assertThat(ConfigOptions.MAX_PARALLELISM.max()).contains(32768);
        assertThat(ConfigOptions.CHECKPOINTING_TIMEOUT.min()).contains(Duration.ofMillis(10));
    }

    @Test
    void parse_readsJsonValuesOfEachType() {
        assertThat(ConfigOptions.CHECKPOINTING_INTERVAL.parse("3min")).isEqualTo(Duration.ofMinutes(3));
        assertThat(ConfigOptions.CHECKPOINTING_INTERVAL.parse(1500)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigOptions.PARALLELISM.parse(2)).isEqualTo(2);
        assertThat(ConfigOptions.PARALLELISM.parse("2")).isEqualTo(2);
        assertThat(ConfigOptions.PARALLELISM.parse(2L)).isEqualTo(2);
        assertThat(ConfigOptions.PARALLELISM.parse(2.0)).isEqualTo(2);
        assertThat(ConfigOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER.parse(2)).isEqualTo(2.0);
        assertThat(ConfigOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER.parse("1.25")).isEqualTo(1.25);
        assertThat(ConfigOptions.UNALIGNED_CHECKPOINTS.parse(true)).isTrue();
        assertThat(ConfigOptions.UNALIGNED_CHECKPOINTS.parse("False")).isFalse();
        assertThat(ConfigOptions.STATE_BACKEND.parse("RocksDB")).isEqualTo(StateBackendType.ROCKSDB);
        assertThat(ConfigOptions.RESTART_STRATEGY.parse("FixedDelay")).isEqualTo(RestartStrategyType.FIXED_DELAY);
        assertThat(ConfigOptions.CHECKPOINTS_DIRECTORY.parse("file:///tmp/c")).isEqualTo("file:///tmp/c");
    }

    @Test
    void parse_rejectsAFractionForAWholeNumber() {
        assertThatThrownBy(() -> ConfigOptions.PARALLELISM.parse(2.5))
                .hasMessage("expected a whole number such as 2, got 2.5");
        assertThatThrownBy(() -> ConfigOptions.PARALLELISM.parse(10_000_000_000L))
                .hasMessage("10000000000 is too large; the largest allowed is 2147483647");
    }

    @Test
    void memorySizeValueType_readsBytesAndUnits() {
        ConfigOption<Long> size = ConfigOption.builder("test.size", ValueType.MEMORY_SIZE, Long.class)
                .defaultValue(20L * 1024)
                .describe(Group.STORAGE, "Size", "A size.");
        assertThat(size.parse("20kb")).isEqualTo(20L * 1024);
        assertThat(size.parse(512)).isEqualTo(512L);
        assertThat(size.formatDefault()).isEqualTo("20kb");
        assertThatThrownBy(() -> size.parse(true)).hasMessage("expected a memory size such as 64mb, got true");
    }

    @SuppressWarnings("unchecked")
    private static <T> T reparse(ConfigOption<T> option) {
        return option.parse(option.format(option.defaultValue().orElseThrow()));
    }

    private static Object valueOf(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
