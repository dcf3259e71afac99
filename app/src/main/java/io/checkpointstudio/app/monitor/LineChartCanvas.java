package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.TimeSeries;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A light line chart on a canvas: a few series over a wall-clock window, each drawn from
 * {@link TimeSeries#decimate} with about one bucket per pixel, so an hour at ten samples a second costs no
 * more to draw than a minute.
 */
public final class LineChartCanvas extends Region {
    private static final double LEFT = 58;
    private static final double RIGHT = 10;
    private static final double TOP = 8;
    private static final double BOTTOM = 20;
    static final int PALETTE = 8;

    /** One series; {@code colour} picks one of the chart palette's eight colours. */
    public record Line(String name, TimeSeries series, int colour) {
    }

    private final CanvasPane pane = new CanvasPane(this::redraw);
    private final ThemeColors colors;
    private final DoubleFunction<String> yFormat;
    private List<Line> lines = List.of();
    private long from;
    private long to;
    private double fixedMax = Double.NaN;
    private boolean dots;
    private boolean binary;
    private String emptyText = "No data yet";
    private int drawnPoints;

    public LineChartCanvas(DoubleFunction<String> yFormat) {
        this.yFormat = yFormat;
        String[] probes = new String[PALETTE + 3];
        for (int i = 0; i < PALETTE; i++) {
            probes[i] = "cs-chart-" + i;
        }
        probes[PALETTE] = "cs-tl-grid";
        probes[PALETTE + 1] = "cs-tl-text";
        probes[PALETTE + 2] = "cs-tl-bg";
        colors = new ThemeColors(probes);
        getChildren().addAll(colors.node(), pane);
        getStyleClass().add("cs-line-chart");
        setPrefSize(360, 150);
        setMinSize(120, 80);
        sceneProperty().addListener((o, a, b) -> redraw());
    }

    @Override
    protected void layoutChildren() {
        pane.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    /** The series and the window to show; redraws. */
    public void show(List<Line> newLines, long newFrom, long newTo) {
        lines = List.copyOf(newLines);
        from = newFrom;
        to = Math.max(newFrom + 1, newTo);
        redraw();
    }

    /** A fixed top of the y axis (1 for ratios), instead of one that fits the data. */
    public void setFixedMax(double max) {
        fixedMax = max;
    }

    /** Draw each point as a dot too (for sparse series such as one value per checkpoint). */
    public void setDots(boolean value) {
        dots = value;
    }

    /** Round the y axis to powers of 1024 (for sizes), so its labels read 128 KB rather than 97.7 KB. */
    public void setBinary(boolean value) {
        binary = value;
    }

    public void setEmptyText(String text) {
        emptyText = text;
    }

    public List<Line> lines() {
        return lines;
    }

    /** How many points the last redraw drew over all lines (after decimation). */
    public int drawnPoints() {
        return drawnPoints;
    }

    /** The top of the y axis: the data's maximum rounded up to 1, 2 or 5 times a power of ten. */
    static double niceMax(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * pow >= max) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    /** Like {@link #niceMax} in units of B, KB, MB or GB. */
    static double niceBinaryMax(double max) {
        double unit = 1;
        while (max >= unit * 1024 && unit < Math.pow(1024, 4)) {
            unit *= 1024;
        }
        return niceMax(max / unit) * unit;
    }

    private void redraw() {
        GraphicsContext g = pane.canvas().getGraphicsContext2D();
        double w = pane.canvas().getWidth();
        double h = pane.canvas().getHeight();
        drawnPoints = 0;
        if (w <= 0 || h <= 0) {
            return;
        }
        g.clearRect(0, 0, w, h);
        Color grid = colors.color("cs-tl-grid", Color.web("#d0d7de"));
        Color text = colors.color("cs-tl-text", Color.web("#57606a"));
        double plotW = Math.max(1, w - LEFT - RIGHT);
        double plotH = Math.max(1, h - TOP - BOTTOM);
        int buckets = (int) Math.max(2, plotW);
        TimeSeries.Points[] points = new TimeSeries.Points[lines.size()];
        double max = 0;
        for (int i = 0; i < lines.size(); i++) {
            points[i] = lines.get(i).series().decimate(from, to, buckets);
            for (double v : points[i].values()) {
                if (v > max && Double.isFinite(v)) {
                    max = v;
                }
            }
        }
        double top = !Double.isNaN(fixedMax) ? fixedMax : binary ? niceBinaryMax(max) : niceMax(max);

        g.setFont(Font.font(10.5));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            double y = Math.round(TOP + plotH - plotH * k / 4) + 0.5;
            g.setStroke(grid);
            g.strokeLine(LEFT, y, LEFT + plotW, y);
            if (k % 2 == 0) {
                g.setFill(text);
                g.fillText(yFormat.apply(v), LEFT - 6, y + 4);
            }
        }
        TimeAxis axis = new TimeAxis(from, to, LEFT, plotW);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(text);
        for (TimeAxis.Tick t : axis.ticks(90)) {
            double x = Math.round(t.x()) + 0.5;
            g.setStroke(grid);
            g.strokeLine(x, TOP + plotH, x, TOP + plotH + 4);
            g.fillText(t.label(), x, h - 5);
        }

        boolean any = false;
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP - 2, plotW, plotH + 4);
        g.clip();
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setLineWidth(1.6);
        for (int i = 0; i < lines.size(); i++) {
            TimeSeries.Points p = points[i];
            if (p.size() == 0) {
                continue;
            }
            any = true;
            Color c = colors.color("cs-chart-" + lines.get(i).colour() % PALETTE, Color.GRAY);
            g.setStroke(c);
            g.setFill(c);
            g.beginPath();
            for (int k = 0; k < p.size(); k++) {
                double x = axis.x(p.times()[k]);
                double y = TOP + plotH - Math.min(p.values()[k], top) / top * plotH;
                if (k == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
                if (dots || p.size() == 1) {
                    g.fillOval(x - 2.5, y - 2.5, 5, 5);
                }
            }
            g.stroke();
            drawnPoints += p.size();
        }
        g.restore();
        if (!any) {
            g.setFill(text);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(Font.font(12));
            g.fillText(emptyText, LEFT + plotW / 2, TOP + plotH / 2);
        }
    }
}
