package io.checkpointstudio.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadableTest {

    @Test
    void sizesUseBinaryUnitsAndUnknownIsADash() {
        assertThat(Readable.bytes(-1)).isEqualTo("–");
        assertThat(Readable.bytes(0)).isEqualTo("0 B");
        assertThat(Readable.bytes(1023)).isEqualTo("1023 B");
        assertThat(Readable.bytes(1536)).isEqualTo("1.50 KB");
        assertThat(Readable.bytes(160_768)).isEqualTo("157 KB");
        assertThat(Readable.bytes(12L * 1024 * 1024 + 300 * 1024)).isEqualTo("12.3 MB");
        assertThat(Readable.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.00 GB");
    }

    @Test
    void durationsReadInMillisecondsSecondsAndMinutes() {
        assertThat(Readable.millis(-1)).isEqualTo("–");
        assertThat(Readable.millis(0)).isEqualTo("0 ms");
        assertThat(Readable.millis(840)).isEqualTo("840 ms");
        assertThat(Readable.millis(1250)).isEqualTo("1.25 s");
        assertThat(Readable.millis(42_500)).isEqualTo("42.5 s");
        assertThat(Readable.millis(125_000)).isEqualTo("2 min 5 s");
        assertThat(Readable.millis(3_720_000)).isEqualTo("1 h 2 min");
    }

    @Test
    void configuredDurationsUseFlinksSyntax() {
        assertThat(Readable.flinkDuration(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(Readable.flinkDuration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Readable.flinkDuration(Duration.ofMinutes(10))).isEqualTo("10min");
        assertThat(Readable.flinkDuration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Readable.flinkDuration(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void clockTimesAndRates() {
        long at = LocalDateTime.of(2024, 5, 1, 9, 3, 7).toInstant(ZoneOffset.UTC).toEpochMilli() + 999;
        assertThat(Readable.clock(at, ZoneOffset.UTC)).isEqualTo("09:03:07");
        assertThat(Readable.clock(-1, ZoneOffset.UTC)).isEqualTo("–");
        assertThat(Readable.rate(950)).isEqualTo("950");
        assertThat(Readable.rate(12_340)).isEqualTo("12.3 k");
        assertThat(Readable.rate(1_250_000)).isEqualTo("1.25 M");
        assertThat(Readable.percent(0.255)).isEqualTo("26 %");
    }
}
