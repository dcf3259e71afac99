package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.stage.PopupWindow;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every checkpoint as a bar on a wall-clock axis, from its trigger to its last acknowledgement (in-progress
 * ones grow to now), split into the phases of the subtask that acknowledged last, coloured by status, with
 * failures and restores drawn as bands. Wheel zooms, drag or the scrollbar scroll; the view follows now
 * until the user scrolls back, and "Follow now" returns to it. A click selects a checkpoint.
 */
public final class CheckpointTimeline extends BorderPane {
    static final long MIN_SPAN = 1_000;
    static final long MAX_SPAN = 24 * 3_600_000L;
    private static final double TOP = 18;
    private static final double LANE = 22;
    private static final double BAR = 15;
    private static final double AXIS = 20;
    private static final int MAX_LANES = 4;
    private static final double MIN_BAR_WIDTH = 3;
    /** Phase shades of the status colour, in phase order: the later the phase, the stronger. */
    private static final double[] PHASE_ALPHA = {0.30, 0.50, 0.75, 1.0};

    private final ObjectProperty<Long> selectedCheckpointId;
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", true);
    private final CanvasPane pane = new CanvasPane(this::redraw);
    private final ScrollBar scroll = new ScrollBar();
    private final ThemeColors colors = new ThemeColors("cs-tl-bg", "cs-tl-grid", "cs-tl-text", "cs-tl-strong",
            "cs-cp-in-progress", "cs-cp-completed", "cs-cp-failed", "cs-cp-savepoint", "cs-cp-recovery");
    private final Tooltip tip = new Tooltip();
    private RunSnapshot snapshot;
    private long itemsRevision = -1;
    private TimelineItems items = TimelineItems.EMPTY;
    private int[] lanes = new int[0];
    private long span;
    private long viewEnd;
    private TimeAxis axis;
    private final List<Drawn> drawnBars = new ArrayList<>();
    private final List<TimelineItems.RecoveryBand> drawnRecoveries = new ArrayList<>();
    private boolean updatingScroll;
    private double pressX;
    private long pressEnd;
    private boolean dragged;

    private record Drawn(TimelineItems.Bar bar, double x, double y, double w, double h) {
        boolean contains(double px, double py) {
            return px >= x - 2 && px <= x + w + 2 && py >= y && py <= y + h;
        }
    }

    public CheckpointTimeline(MonitorModel model, ObjectProperty<Long> selectedCheckpointId) {
        this.selectedCheckpointId = selectedCheckpointId;
        getStyleClass().add("cs-cp-timeline");
        setTop(toolbar());
        setCenter(pane);
        setBottom(scroll);
        getChildren().add(colors.node());
        pane.getStyleClass().add("cs-cp-timeline-canvas");
        pane.setPrefHeight(TOP + LANE * 3 + AXIS + 6);
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.valueProperty().addListener((o, a, b) -> onScrollBar());
        tip.setShowDelay(Duration.ZERO);
        tip.getStyleClass().add("cs-cp-tooltip");

        pane.setOnMousePressed(this::pressed);
        pane.setOnMouseDragged(this::dragged);
        pane.setOnMouseReleased(this::released);
        pane.setOnMouseMoved(this::hover);
        pane.setOnMouseExited(e -> tip.hide());
        pane.setOnScroll(this::scrolled);
        following.addListener((o, was, now) -> {
            if (now) {
                redraw();
            }
        });
        selectedCheckpointId.addListener((o, a, b) -> redraw());
        sceneProperty().addListener((o, a, b) -> redraw()); // colours come from CSS, known once in a scene
        model.snapshotProperty().addListener((o, a, s) -> show(s));
        show(model.snapshot());
    }

    private Node toolbar() {
        Label title = new Label("Checkpoints");
        title.getStyleClass().add("cs-cp-title");
        HBox legend = new HBox(10, swatch("cs-cp-in-progress", "in progress"), swatch("cs-cp-completed", "completed"),
                swatch("cs-cp-failed", "failed"), swatch("cs-cp-savepoint", "savepoint"), swatch("cs-cp-recovery", "failure → restore"),
                phaseLegend());
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("cs-cp-legend");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button out = iconButton("mdi2m-magnify-minus-outline", "Zoom out (wheel down)", this::zoomOut);
        out.setId("timeline-zoom-out");
        Button in = iconButton("mdi2m-magnify-plus-outline", "Zoom in (wheel up)", this::zoomIn);
        in.setId("timeline-zoom-in");
        ToggleButton follow = new ToggleButton("Follow now", new FontIcon("mdi2p-page-last"));
        follow.setId("timeline-follow");
        follow.selectedProperty().bindBidirectional(following);
        follow.setTooltip(new Tooltip("Keep the newest checkpoints in view"));
        follow.setFocusTraversable(false);
        HBox bar = new HBox(8, title, legend, spacer, out, in, follow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("cs-cp-toolbar");
        return bar;
    }

    private static Node swatch(String styleClass, String text) {
        Region box = new Region();
        box.getStyleClass().addAll("cs-cp-swatch", styleClass);
        Label l = new Label(text, box);
        l.getStyleClass().add("cs-cp-legend-item");
        return l;
    }

    private static Node phaseLegend() {
        HBox shades = new HBox();
        for (int i = 0; i < PHASE_ALPHA.length; i++) {
            Region r = new Region();
            r.getStyleClass().addAll("cs-cp-swatch", "cs-cp-completed");
            r.setOpacity(PHASE_ALPHA[i]);
            shades.getChildren().add(r);
        }
        Label l = new Label("start delay · alignment · sync · async", shades);
        l.getStyleClass().add("cs-cp-legend-item");
        return l;
    }

    private static Button iconButton(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void show(RunSnapshot s) {
        if (s == null) {
            snapshot = null;
            items = TimelineItems.EMPTY;
            lanes = new int[0];
            redraw();
            return;
        }
        if (snapshot != null && !snapshot.jobId().equals(s.jobId())) {
            following.set(true);
            span = 0;
        }
        if (s.revision() == itemsRevision && snapshot != null && snapshot.jobId().equals(s.jobId())) {
            return;
        }
        snapshot = s;
        itemsRevision = s.revision();
        if (span == 0) {
            span = initialSpan(s);
        }
        items = TimelineItems.of(s.checkpoints().history(), s.events(), RunClock.now(s));
        lanes = assignLanes(items.bars());
        redraw();
    }

    /** About twenty checkpoint intervals, between 10 s and an hour. */
    static long initialSpan(RunSnapshot s) {
        long interval = s.settings() != null && s.settings().interval() != null ? s.settings().interval().toMillis() : 0;
        return Math.max(10_000, Math.min(3_600_000, interval * 20));
    }

    /** First lane whose last bar ended before this one starts, so concurrent checkpoints (e.g. a savepoint) stack. */
    static int[] assignLanes(List<TimelineItems.Bar> bars) {
        int[] lane = new int[bars.size()];
        long[] laneEnd = new long[MAX_LANES];
        java.util.Arrays.fill(laneEnd, Long.MIN_VALUE);
        for (int i = 0; i < bars.size(); i++) {
            TimelineItems.Bar b = bars.get(i);
            int chosen = 0;
            for (int l = 0; l < MAX_LANES; l++) {
                if (laneEnd[l] < b.start()) {
                    chosen = l;
                    break;
                }
                if (laneEnd[l] < laneEnd[chosen]) {
                    chosen = l;
                }
            }
            lane[i] = chosen;
            laneEnd[chosen] = Math.max(laneEnd[chosen], b.end());
        }
        return lane;
    }

    // ---- commands

    public void zoomIn() {
        zoomAround(1 / 1.5, Double.NaN);
    }

    public void zoomOut() {
        zoomAround(1.5, Double.NaN);
    }

    /** Shows {@code millis} of time across the width. */
    public void setSpan(long millis) {
        span = Math.max(MIN_SPAN, Math.min(MAX_SPAN, millis));
        redraw();
    }

    public long span() {
        return span;
    }

    /** Scrolls so that the right edge is at {@code epochMillis}; stops following now. */
    public void scrollTo(long epochMillis) {
        following.set(false);
        viewEnd = epochMillis;
        redraw();
    }

    public BooleanProperty followingProperty() {
        return following;
    }

    public ObjectProperty<Long> selectedCheckpointIdProperty() {
        return selectedCheckpointId;
    }

    // ---- what was drawn, for tests and accessibility (a canvas cannot be inspected)

    /** Everything the timeline would draw for the current snapshot, visible or not. */
    public TimelineItems items() {
        return items;
    }

    /** The checkpoint bars inside the visible window at the last redraw, oldest first. */
    public List<TimelineItems.Bar> drawnBars() {
        return drawnBars.stream().map(Drawn::bar).toList();
    }

    /** The failure and restore bands inside the visible window at the last redraw. */
    public List<TimelineItems.RecoveryBand> drawnRecoveries() {
        return List.copyOf(drawnRecoveries);
    }

    /** The axis of the last redraw; null before the first one. */
    public TimeAxis axis() {
        return axis;
    }

    /** Where a checkpoint's bar is drawn, in the canvas's coordinates (x, y, width, height), or null if not visible. */
    public double[] barBounds(long checkpointId) {
        for (Drawn d : drawnBars) {
            if (d.bar().id() == checkpointId) {
                return new double[] {d.x(), d.y(), d.w(), d.h()};
            }
        }
        return null;
    }

    /** The node the bars are drawn on (to click or hover at {@link #barBounds} in tests). */
    public Region canvasPane() {
        return pane;
    }

    // ---- gestures

    private void zoomAround(double factor, double x) {
        if (snapshot == null) {
            return;
        }
        long now = RunClock.now(snapshot);
        long right = visibleEnd(now);
        long newSpan = Math.max(MIN_SPAN, Math.min(MAX_SPAN, Math.round(span * factor)));
        if (!Double.isNaN(x) && axis != null && !following.get()) {
            long anchor = axis.time(x);
            double share = (anchor - (right - span)) / (double) span;
            viewEnd = anchor + Math.round((1 - share) * newSpan);
        }
        span = newSpan;
        redraw();
    }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        dragged = false;
        pressEnd = snapshot == null ? 0 : visibleEnd(RunClock.now(snapshot));
    }

    private void dragged(MouseEvent e) {
        if (snapshot == null || Math.abs(e.getX() - pressX) < 3 && !dragged) {
            return;
        }
        dragged = true;
        tip.hide();
        following.set(false);
        double width = Math.max(1, pane.getWidth());
        viewEnd = pressEnd - Math.round((e.getX() - pressX) * span / width);
        redraw();
    }

    private void released(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Drawn hit = hit(e.getX(), e.getY());
        if (hit != null) {
            selectedCheckpointId.set(hit.bar().id());
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaX() != 0 && Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) && snapshot != null) {
            following.set(false);
            viewEnd = visibleEnd(RunClock.now(snapshot)) - Math.round(e.getDeltaX() * span / Math.max(1, pane.getWidth()));
            redraw();
        } else if (e.getDeltaY() != 0) {
            zoomAround(e.getDeltaY() > 0 ? 1 / 1.25 : 1.25, e.getX());
        }
        e.consume();
    }

    private void hover(MouseEvent e) {
        Drawn hit = hit(e.getX(), e.getY());
        String text = null;
        if (hit != null) {
            text = CheckpointText.tooltip(hit.bar().stats(), RunClock.now(snapshot));
        } else if (axis != null) {
            TimelineItems.RecoveryBand band = bandAt(e.getX());
            if (band != null) {
                text = recoveryText(band);
            }
        }
        if (text == null) {
            tip.hide();
            return;
        }
        tip.setText(text);
        if (getScene() != null && getScene().getWindow() != null) {
            // open away from the window's nearer edges, so the screen edge never pushes it under the pointer
            javafx.stage.Window w = getScene().getWindow();
            boolean left = e.getScreenX() > w.getX() + w.getWidth() / 2;
            boolean up = e.getScreenY() > w.getY() + w.getHeight() / 2;
            tip.setAnchorLocation(left ? up ? PopupWindow.AnchorLocation.WINDOW_BOTTOM_RIGHT : PopupWindow.AnchorLocation.WINDOW_TOP_RIGHT
                    : up ? PopupWindow.AnchorLocation.WINDOW_BOTTOM_LEFT : PopupWindow.AnchorLocation.WINDOW_TOP_LEFT);
            tip.show(pane, e.getScreenX() + (left ? -14 : 14), e.getScreenY() + (up ? -14 : 14));
        }
    }

    static String recoveryText(TimelineItems.RecoveryBand b) {
        StringBuilder t = new StringBuilder();
        t.append(b.failedTask().isEmpty() ? "A task failed" : b.failedTask() + " failed").append(" at ").append(Readable.clock(b.failedAt()));
        if (!b.error().isEmpty()) {
            t.append(": ").append(b.error());
        }
        if (b.recovered()) {
            t.append('\n').append(b.checkpointId() > 0 ? "Restored checkpoint " + b.checkpointId() : "Restarted from scratch (no checkpoint yet)")
                    .append("; first record ").append(Readable.millis(b.restoreMs())).append(" after the failure");
        } else {
            t.append("\nNot recovered yet");
        }
        return t.toString();
    }

    /** The bar under the pointer; with narrow bars close together, the one whose middle is nearest. */
    private Drawn hit(double x, double y) {
        Drawn best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Drawn d : drawnBars) {
            if (d.contains(x, y)) {
                double distance = Math.abs(d.x() + d.w() / 2 - x);
                if (distance < bestDistance) {
                    best = d;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private TimelineItems.RecoveryBand bandAt(double x) {
        for (TimelineItems.RecoveryBand b : drawnRecoveries) {
            double x1 = axis.x(b.failedAt());
            double x2 = Math.max(x1 + 3, axis.x(b.failedAt() + b.restoreMs()));
            if (x >= x1 - 2 && x <= x2 + 2) {
                return b;
            }
        }
        return null;
    }

    private void onScrollBar() {
        if (updatingScroll || snapshot == null) {
            return;
        }
        long now = RunClock.now(snapshot);
        long right = Math.round(scroll.getValue()) + span;
        if (right >= now) {
            following.set(true);
        } else {
            following.set(false);
            viewEnd = right;
        }
        redraw();
    }

    /** The right edge: now plus a little room while following, else where the user scrolled to. */
    private long visibleEnd(long now) {
        return following.get() ? now + span / 20 : viewEnd;
    }

    // ---- drawing

    private void redraw() {
        GraphicsContext g = pane.canvas().getGraphicsContext2D();
        double w = pane.canvas().getWidth();
        double h = pane.canvas().getHeight();
        drawnBars.clear();
        drawnRecoveries.clear();
        if (w <= 0 || h <= 0) {
            return;
        }
        Color bg = colors.color("cs-tl-bg", Color.web("#f6f8fa"));
        g.setFill(bg);
        g.fillRect(0, 0, w, h);
        if (snapshot == null) {
            axis = null;
            return;
        }
        long now = RunClock.now(snapshot);
        long right = visibleEnd(now);
        long left = right - span;
        axis = new TimeAxis(left, right, 0, w);
        updateScrollBar(now, left);

        drawAxis(g, w, h);
        drawRecoveries(g, h);
        drawBars(g);
    }

    private void updateScrollBar(long now, long left) {
        updatingScroll = true;
        long min = Math.min(snapshot.startedAt(), left);
        long max = Math.max(now + span / 20 - span, left);
        scroll.setMin(min);
        scroll.setMax(Math.max(min + 1, max));
        scroll.setVisibleAmount(span);
        scroll.setUnitIncrement(span / 10.0);
        scroll.setBlockIncrement(span / 2.0);
        scroll.setValue(left);
        updatingScroll = false;
    }

    private void drawAxis(GraphicsContext g, double w, double h) {
        Color grid = colors.color("cs-tl-grid", Color.web("#d0d7de"));
        Color text = colors.color("cs-tl-text", Color.web("#57606a"));
        double base = h - AXIS;
        g.setLineWidth(1);
        g.setStroke(grid);
        g.strokeLine(0, base + 0.5, w, base + 0.5);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(text);
        for (TimeAxis.Tick t : axis.ticks(80)) {
            double x = Math.round(t.x()) + 0.5;
            g.setStroke(grid);
            g.strokeLine(x, TOP - 4, x, base + 4);
            g.fillText(t.label(), x, h - 5);
        }
    }

    private void drawRecoveries(GraphicsContext g, double h) {
        Color red = colors.color("cs-cp-recovery", Color.web("#cf222e"));
        double base = h - AXIS;
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.LEFT);
        for (TimelineItems.RecoveryBand b : items.recoveries()) {
            long end = b.failedAt() + b.restoreMs();
            if (end < axis.from() || b.failedAt() > axis.to()) {
                continue;
            }
            drawnRecoveries.add(b);
            double x1 = axis.x(b.failedAt());
            double x2 = Math.max(x1 + 3, axis.x(end));
            g.setFill(red.deriveColor(0, 1, 1, 0.14));
            g.fillRect(x1, TOP - 4, x2 - x1, base - TOP + 4);
            g.setStroke(red);
            g.setLineWidth(1.5);
            g.strokeLine(x1, TOP - 4, x1, base);
            if (b.recovered()) {
                g.setLineDashes(3, 3);
                g.strokeLine(x2, TOP - 4, x2, base);
                g.setLineDashes((double[]) null);
            }
            g.setFill(red);
            g.fillText("⟲ " + b.label(), x1 + 3, TOP - 6);
        }
    }

    private void drawBars(GraphicsContext g) {
        Long selected = selectedCheckpointId.get();
        Color strong = colors.color("cs-tl-strong", Color.web("#1f2328"));
        List<TimelineItems.Bar> bars = items.bars();
        for (int i = 0; i < bars.size(); i++) {
            TimelineItems.Bar b = bars.get(i);
            if (b.end() < axis.from() || b.start() > axis.to()) {
                continue;
            }
            double x1 = axis.x(b.start());
            double x2 = Math.max(x1 + MIN_BAR_WIDTH, axis.x(b.end()));
            double y = TOP + lanes[i] * LANE + (LANE - BAR) / 2;
            Color base = statusColor(b);
            drawPhases(g, b, x1, x2, y, base);
            if (b.savepoint()) {
                g.setStroke(base);
                g.setLineWidth(1.5);
                g.strokeRect(x1 - 1.5, y - 1.5, x2 - x1 + 3, BAR + 3);
            }
            if (b.status() == CheckpointStatus.FAILED) {
                g.setStroke(base);
                g.setLineWidth(1.5);
                double cx = x2 + 5;
                g.strokeLine(cx - 3, y + BAR / 2 - 3, cx + 3, y + BAR / 2 + 3);
                g.strokeLine(cx - 3, y + BAR / 2 + 3, cx + 3, y + BAR / 2 - 3);
            }
            if (Objects.equals(selected, b.id())) {
                g.setStroke(strong);
                g.setLineWidth(2);
                g.strokeRect(x1 - 2.5, y - 2.5, x2 - x1 + 5, BAR + 5);
            }
            drawnBars.add(new Drawn(b, x1, y, x2 - x1, BAR));
            if (x2 - x1 > 28) {
                g.setFill(b.status() == CheckpointStatus.IN_PROGRESS ? strong : Color.WHITE);
                g.setFont(Font.font(10));
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(String.valueOf(b.id()), x1 + 3, y + BAR - 4, x2 - x1 - 4);
            }
        }
    }

    /** The bar in its status colour, the phases of its slowest subtask as shades at their real times, the rest faint. */
    private void drawPhases(GraphicsContext g, TimelineItems.Bar b, double x1, double x2, double y, Color base) {
        g.setFill(base.deriveColor(0, 1, 1, b.status() == CheckpointStatus.IN_PROGRESS ? 0.22 : 0.18));
        g.fillRect(x1, y, x2 - x1, BAR);
        CheckpointPhases p = b.phases();
        if (p == null || x2 - x1 <= MIN_BAR_WIDTH) {
            if (b.status() != CheckpointStatus.IN_PROGRESS) {
                g.setFill(base);
                g.fillRect(x1, y, x2 - x1, BAR);
            }
            return;
        }
        long t = b.start();
        for (CheckpointPhases.Phase phase : CheckpointPhases.Phase.values()) {
            long d = p.duration(phase);
            double a = Math.min(axis.x(t), x2);
            double z = Math.min(axis.x(t + d), x2);
            if (z > a) {
                g.setFill(base.deriveColor(0, 1, 1, PHASE_ALPHA[phase.ordinal()]));
                g.fillRect(a, y, z - a, BAR);
            }
            t += d;
        }
        if (b.status() != CheckpointStatus.IN_PROGRESS) {
            // the time no phase explains (the acknowledgement's trip) stays faint; a solid cap marks the end
            g.setFill(base);
            g.fillRect(x2 - 2, y, 2, BAR);
        }
    }

    private Color statusColor(TimelineItems.Bar b) {
        if (b.status() == CheckpointStatus.FAILED) {
            return colors.color("cs-cp-failed", Color.web("#cf222e"));
        }
        if (b.savepoint()) {
            return colors.color("cs-cp-savepoint", Color.web("#9a42c8"));
        }
        return b.status() == CheckpointStatus.IN_PROGRESS ? colors.color("cs-cp-in-progress", Color.web("#0969da"))
                : colors.color("cs-cp-completed", Color.web("#1a7f37"));
    }
}
