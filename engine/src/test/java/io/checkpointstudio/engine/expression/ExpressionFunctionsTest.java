package io.checkpointstudio.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpressionFunctionsTest {

    @Test
    void calendarFunctions_agreeWithJavaTimeInUtc() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 10_000; k++) {
            long ts = random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
            ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
            assertThat(ExpressionFunctions.hourOf(ts)).isEqualTo(t.getHour());
            assertThat(ExpressionFunctions.minuteOf(ts)).isEqualTo(t.getMinute());
            assertThat(ExpressionFunctions.dayOfWeek(ts)).isEqualTo(t.getDayOfWeek().getValue());
            assertThat(ExpressionFunctions.dateOf(ts)).isEqualTo(t.toLocalDate().toString());
        }
    }

    @Test
    void dayOfWeek_countsFromMonday() {
        assertThat(ExpressionFunctions.dayOfWeek(0)).isEqualTo(DayOfWeek.THURSDAY.getValue());
        assertThat(ExpressionFunctions.dayOfWeek(ExpressionFunctions.epochMillis("2024-05-06"))).isEqualTo(1);
        assertThat(ExpressionFunctions.dayOfWeek(ExpressionFunctions.epochMillis("2024-05-12T23:59:59Z"))).isEqualTo(7);
    }

    @Test
    void floorTo_startsWindowsAtTheEpoch() {
        assertThat(ExpressionFunctions.floorTo(12_345, 1_000)).isEqualTo(12_000);
        assertThat(ExpressionFunctions.floorTo(-1, 1_000)).isEqualTo(-1_000);
        assertThatThrownBy(() -> ExpressionFunctions.floorTo(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void epochMillis_readsInstantsAndDates() {
        assertThat(ExpressionFunctions.epochMillis("1970-01-01T00:00:01.5Z")).isEqualTo(1_500);
        assertThat(ExpressionFunctions.epochMillis("1970-01-02")).isEqualTo(86_400_000);
        assertThatThrownBy(() -> ExpressionFunctions.epochMillis("yesterday")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void coalesce_prefersTheFirstNonNull() {
        assertThat(ExpressionFunctions.coalesce("a", "b")).isEqualTo("a");
        assertThat(ExpressionFunctions.coalesce(null, "b")).isEqualTo("b");
        assertThat(ExpressionFunctions.coalesce(null, null)).isNull();
    }
}
