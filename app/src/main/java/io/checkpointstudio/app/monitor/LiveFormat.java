package io.checkpointstudio.app.monitor;

import java.util.Locale;

/** Short numbers for the live canvas: 950/s, 12.3k/s, 4.1M/s; 63 %. */
final class LiveFormat {
    private LiveFormat() {
    }

    static String rate(double perSecond) {
        double v = Math.max(0, perSecond);
        if (v < 1000) {
            return String.format(Locale.ROOT, "%.0f/s", v);
        }
        if (v < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk/s", v / 1000);
        }
        return String.format(Locale.ROOT, "%.2fM/s", v / 1_000_000);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * Math.max(0, Math.min(1, ratio)));
    }
}
