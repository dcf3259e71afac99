package io.checkpointstudio.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    static Stream<Arguments> flinkDurations() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("3min", Duration.ofMinutes(3)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("2 d", Duration.ofDays(2)),
                Arguments.of("10 min", Duration.ofMinutes(10)),
                Arguments.of("1500", Duration.ofMillis(1500)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("  30s  ", Duration.ofSeconds(30)),
                Arguments.of("3MIN", Duration.ofMinutes(3)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("2 minutes", Duration.ofMinutes(2)),
                Arguments.of("1 minute", Duration.ofMinutes(1)),
                Arguments.of("5 secs", Duration.ofSeconds(5)),
                Arguments.of("1 sec", Duration.ofSeconds(1)),
                Arguments.of("10 seconds", Duration.ofSeconds(10)),
                Arguments.of("2 hours", Duration.ofHours(2)),
                Arguments.of("1 Hour", Duration.ofHours(1)),
                Arguments.of("1 day", Duration.ofDays(1)),
                Arguments.of("7 days", Duration.ofDays(7)),
                Arguments.of("250 millis", Duration.ofMillis(250)),
                Arguments.of("1 millisecond", Duration.ofMillis(1)),
                Arguments.of("3 milliseconds", Duration.ofMillis(3)),
                Arguments.of("10us", Duration.ofNanos(10_000)),
                Arguments.of("10µs", Duration.ofNanos(10_000)),
                Arguments.of("100ns", Duration.ofNanos(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flinkDurations")
    void parse_readsFlinkSyntax(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @Test
    void notADuration_saysWhatToWrite() {
        assertThatThrownBy(() -> Durations.parse("3 minutes later"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'3 minutes later' is not a duration; use a number with a unit such as 500ms, 30s, 3min, 1h");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "  ", "abc", "min", "-5s", "1.5s", "3 weeks", "3 mins later", "3min3s", "ten s"})
    void badDurations_areRejectedWithTheSameAdvice(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; use a number with a unit such as 500ms, 30s, 3min, 1h");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"99999999999999999999ms", "9223372036854775807d"})
    void hugeDurations_areTooLarge(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too large for a duration");
    }

    @Test
    void format_givesTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3min");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofNanos(1_000))).isEqualTo("1µs");
        assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("1500ns");
    }

    @Test
    void format_rejectsNegativeDurations() {
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flinkDurations")
    void formatThenParse_givesTheSameDuration(String ignored, Duration duration) {
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
