package io.checkpointstudio.engine.expression;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Functions that expressions may call without a class name, such as {@code hourOf(ts) < 12}. Every public
 * static method here is callable, so each must be pure (same arguments, same result, no side effects).
 * Timestamps are epoch milliseconds; calendar functions work in UTC.
 */
public final class ExpressionFunctions {
    private static final long MILLIS_PER_MINUTE = 60_000L;
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ExpressionFunctions() {
    }

    /** The hour of the day, 0 to 23. */
    public static int hourOf(long epochMillis) {
        return (int) (Math.floorMod(epochMillis, MILLIS_PER_DAY) / MILLIS_PER_HOUR);
    }

    /** The minute of the hour, 0 to 59. */
    public static int minuteOf(long epochMillis) {
        return (int) (Math.floorMod(epochMillis, MILLIS_PER_HOUR) / MILLIS_PER_MINUTE);
    }

    /** The ISO day of the week: 1 = Monday ... 7 = Sunday. */
    public static int dayOfWeek(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        return (int) Math.floorMod(epochDay + 3, 7L) + 1; // 1970-01-01 was a Thursday
    }

    /** The date as {@code yyyy-MM-dd}. */
    public static String dateOf(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY)).toString();
    }

    /** The start of the window of {@code size} milliseconds that holds the timestamp (windows start at the epoch). */
    public static long floorTo(long epochMillis, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("floorTo: size must be positive, got " + size);
        }
        return Math.floorDiv(epochMillis, size) * size;
    }

    /** Parses an ISO-8601 instant such as {@code 2024-05-01T12:00:00Z}, or a date such as {@code 2024-05-01} (midnight UTC). */
    public static long epochMillis(String isoInstant) {
        try {
            return Instant.parse(isoInstant).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(isoInstant).toEpochDay() * MILLIS_PER_DAY;
            } catch (DateTimeParseException notADate) {
                throw notAnInstant;
            }
        }
    }

    /** {@code a} unless it is null, else {@code b}. */
    public static String coalesce(String a, String b) {
        return a != null ? a : b;
    }
}
