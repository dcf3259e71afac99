package io.checkpointstudio.app.monitor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Maps wall-clock time (epoch ms) to x pixels and back, and picks round tick times far enough apart to label. */
public record TimeAxis(long from, long to, double x0, double width, ZoneId zone) {
    private static final long[] STEPS = {
        100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
        1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    public record Tick(long at, double x, String label) {
    }

    public TimeAxis {
        if (to <= from) {
            to = from + 1;
        }
    }

    public TimeAxis(long from, long to, double x0, double width) {
        this(from, to, x0, width, ZoneId.systemDefault());
    }

    public long span() {
        return to - from;
    }

    public double x(long at) {
        return x0 + (at - from) * width / span();
    }

    public long time(double x) {
        return from + Math.round((x - x0) * span() / width);
    }

    /** The smallest round step that leaves at least {@code minPixels} between ticks. */
    public long step(double minPixels) {
        for (long s : STEPS) {
            if (s * width / span() >= minPixels) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** Ticks on multiples of the step in local time, labelled HH:mm:ss. */
    public List<Tick> ticks(double minPixels) {
        long step = step(minPixels);
        long offset = zone.getRules().getOffset(java.time.Instant.ofEpochMilli(from)).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(from + offset + step - 1, step) * step - offset;
        List<Tick> ticks = new ArrayList<>();
        for (long t = first; t <= to; t += step) {
            ticks.add(new Tick(t, x(t), Readable.clock(t, zone)));
        }
        return ticks;
    }
}
