package io.checkpointstudio.engine.config;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flink's duration syntax: a whole number and an optional unit ({@code 500ms}, {@code 30s},
 * {@code 3min}, {@code 2 d}); a number without a unit means milliseconds, as in Flink.
 */
public final class Durations {

    private record Unit(ChronoUnit chronoUnit, String written) {
        BigInteger nanos() {
            return BigInteger.valueOf(chronoUnit.getDuration().toNanos());
        }
    }

    /** Largest first, so that {@link #format} finds the shortest exact form. */
    private static final List<Unit> UNITS = List.of(
            new Unit(ChronoUnit.DAYS, "d"),
            new Unit(ChronoUnit.HOURS, "h"),
            new Unit(ChronoUnit.MINUTES, "min"),
            new Unit(ChronoUnit.SECONDS, "s"),
            new Unit(ChronoUnit.MILLIS, "ms"),
            new Unit(ChronoUnit.MICROS, "µs"),
            new Unit(ChronoUnit.NANOS, "ns"));

    private static final Map<String, ChronoUnit> LABELS = Map.ofEntries(
            Map.entry("d", ChronoUnit.DAYS), Map.entry("day", ChronoUnit.DAYS), Map.entry("days", ChronoUnit.DAYS),
            Map.entry("h", ChronoUnit.HOURS), Map.entry("hour", ChronoUnit.HOURS),
            Map.entry("hours", ChronoUnit.HOURS),
            Map.entry("m", ChronoUnit.MINUTES), Map.entry("min", ChronoUnit.MINUTES),
            Map.entry("mins", ChronoUnit.MINUTES), Map.entry("minute", ChronoUnit.MINUTES),
            Map.entry("minutes", ChronoUnit.MINUTES),
            Map.entry("s", ChronoUnit.SECONDS), Map.entry("sec", ChronoUnit.SECONDS),
            Map.entry("secs", ChronoUnit.SECONDS), Map.entry("second", ChronoUnit.SECONDS),
            Map.entry("seconds", ChronoUnit.SECONDS),
            Map.entry("ms", ChronoUnit.MILLIS), Map.entry("milli", ChronoUnit.MILLIS),
            Map.entry("millis", ChronoUnit.MILLIS), Map.entry("millisecond", ChronoUnit.MILLIS),
            Map.entry("milliseconds", ChronoUnit.MILLIS),
            Map.entry("us", ChronoUnit.MICROS), Map.entry("µs", ChronoUnit.MICROS), Map.entry("μs", ChronoUnit.MICROS),
            Map.entry("micro", ChronoUnit.MICROS), Map.entry("micros", ChronoUnit.MICROS),
            Map.entry("microsecond", ChronoUnit.MICROS), Map.entry("microseconds", ChronoUnit.MICROS),
            Map.entry("ns", ChronoUnit.NANOS), Map.entry("nano", ChronoUnit.NANOS),
            Map.entry("nanos", ChronoUnit.NANOS), Map.entry("nanosecond", ChronoUnit.NANOS),
            Map.entry("nanoseconds", ChronoUnit.NANOS));

    private Durations() {
    }

    /**
     * Parses {@code text}; units are case-insensitive and may follow the number after spaces.
     *
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        int digits = 0;
        while (digits < trimmed.length() && isAsciiDigit(trimmed.charAt(digits))) {
            digits++;
        }
        String label = trimmed.substring(digits).strip().toLowerCase(Locale.ROOT);
        ChronoUnit unit = label.isEmpty() ? ChronoUnit.MILLIS : LABELS.get(label);
        if (digits == 0 || unit == null) {
            throw new IllegalArgumentException(notADuration(text));
        }
        try {
            return Duration.of(Long.parseLong(trimmed.substring(0, digits)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for a duration");
        }
    }

    /** The shortest exact form in Flink syntax: {@code 3min}, {@code 90s}, {@code 500ms}, {@code 0ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Flink has no syntax for a negative duration: " + duration);
        }
        BigInteger nanos = BigInteger.valueOf(duration.getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        if (nanos.signum() == 0) {
            return "0ms";
        }
        for (Unit unit : UNITS) {
            BigInteger[] quotientAndRemainder = nanos.divideAndRemainder(unit.nanos());
            if (quotientAndRemainder[1].signum() == 0) {
                return quotientAndRemainder[0] + unit.written();
            }
        }
        throw new AssertionError("nanoseconds always divide");
    }

    static String notADuration(String text) {
        return "'" + text + "' is not a duration; use a number with a unit such as 500ms, 30s, 3min, 1h";
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
