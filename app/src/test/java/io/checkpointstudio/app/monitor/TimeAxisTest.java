package io.checkpointstudio.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeAxisTest {
    private static final long NOON = LocalDateTime.of(2024, 5, 1, 12, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    @Test
    void mapsTimeToPixelsAndBack() {
        TimeAxis a = new TimeAxis(NOON, NOON + 10_000, 50, 1000, ZoneOffset.UTC);
        assertThat(a.x(NOON)).isEqualTo(50);
        assertThat(a.x(NOON + 5_000)).isCloseTo(550, within(1e-9));
        assertThat(a.time(550)).isEqualTo(NOON + 5_000);
    }

    @Test
    void ticksAreRoundClockTimesFarEnoughApartToLabel() {
        // 10 s across 1000 px: 1 s steps are 100 px apart, enough for 80 px labels
        TimeAxis a = new TimeAxis(NOON + 300, NOON + 10_300, 0, 1000, ZoneOffset.UTC);
        assertThat(a.step(80)).isEqualTo(1000);
        assertThat(a.ticks(80)).extracting(TimeAxis.Tick::label).startsWith("12:00:01", "12:00:02").hasSize(10);
        assertThat(a.ticks(80).get(0).at()).isEqualTo(NOON + 1000);

        // an hour across 600 px: 10 min steps (100 px)
        TimeAxis hour = new TimeAxis(NOON - 3_600_000 + 1, NOON + 1, 0, 600, ZoneOffset.UTC);
        assertThat(hour.step(80)).isEqualTo(600_000);
        assertThat(hour.ticks(80)).extracting(TimeAxis.Tick::label).containsExactly("11:10:00", "11:20:00", "11:30:00", "11:40:00", "11:50:00", "12:00:00");
    }

    @Test
    void minuteTicksFallOnLocalMinutesInZonesWithHalfHourOffsets() {
        ZoneId india = ZoneId.of("Asia/Kolkata"); // UTC+05:30
        TimeAxis a = new TimeAxis(NOON, NOON + 10 * 60_000, 0, 1000, india);
        assertThat(a.step(80)).isEqualTo(60_000);
        assertThat(a.ticks(80)).extracting(TimeAxis.Tick::label).startsWith("17:30:00", "17:31:00");
    }
}
