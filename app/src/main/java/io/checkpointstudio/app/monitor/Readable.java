package io.checkpointstudio.app.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Figures as people read them: sizes in B/KB/MB/GB, durations in ms/s/min, times as HH:mm:ss. Unknown (negative) values are "–", never 0. */
public final class Readable {
    public static final String UNKNOWN = "–";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Readable() {
    }

    public static String bytes(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, UNITS[unit]);
    }

    public static String bytes(double bytes) {
        return Double.isNaN(bytes) ? UNKNOWN : bytes(Math.round(bytes));
    }

    public static String millis(long ms) {
        if (ms < 0) {
            return UNKNOWN;
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, ms < 10_000 ? "%.2f s" : "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    public static String millis(double ms) {
        return Double.isNaN(ms) ? UNKNOWN : millis(Math.round(ms));
    }

    /** A configured duration in Flink's own syntax ({@code 200ms}, {@code 30s}, {@code 3min}, {@code 1h}). */
    public static String flinkDuration(Duration d) {
        if (d == null) {
            return UNKNOWN;
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0ms";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    public static String clock(long epochMillis) {
        return clock(epochMillis, ZoneId.systemDefault());
    }

    public static String clock(long epochMillis, ZoneId zone) {
        if (epochMillis <= 0) {
            return UNKNOWN;
        }
        return CLOCK.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** Records per second: 950, 12.3 k, 1.25 M. */
    public static String rate(double perSecond) {
        if (perSecond < 1000) {
            return String.format(Locale.ROOT, "%.0f", perSecond);
        }
        if (perSecond < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1000);
        }
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1_000_000);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }
}
