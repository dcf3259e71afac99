package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunHistory;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.TimeSeries;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Small multiples of the run over a shared time window: throughput and back-pressure per operator, full
 * state size per operator, bytes each checkpoint wrote per task, and checkpoint duration. Redraws when the
 * snapshot's revision or the window changes; before the first run it shows only a hint.
 */
public final class ChartsView extends StackPane {
    /** The time window the charts share; a run shorter than the window fills it. */
    public enum Window {
        LAST_5_MIN("5 min", 5 * 60_000L), LAST_15_MIN("15 min", 15 * 60_000L), LAST_HOUR("1 h", 3_600_000L), ALL("All", Long.MAX_VALUE);

        private final String label;
        private final long millis;

        Window(String label, long millis) {
            this.label = label;
            this.millis = millis;
        }

        public String label() {
            return label;
        }

        /** The window ending at {@code now} of a run started at {@code startedAt}, at least ten seconds wide. */
        public long[] range(long startedAt, long now) {
            long from = millis == Long.MAX_VALUE ? startedAt : Math.max(startedAt, now - millis);
            return new long[] {Math.min(from, now - 10_000), now};
        }
    }

    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(this, "window", Window.LAST_5_MIN);
    private final Chart throughput = new Chart("Throughput (records/s: in, out for sources)", Readable::rate, "No records yet");
    private final Chart backPressure = new Chart("Back-pressured (max over subtasks)", Readable::percent, "No records yet");
    private final Chart stateSize = new Chart("Full state size per operator", Readable::bytes, "No completed checkpoint yet");
    private final Chart written = new Chart("Bytes written per checkpoint, per task", Readable::bytes, "No completed checkpoint yet");
    private final Chart duration = new Chart("Checkpoint duration (end to end)", Readable::millis, "No completed checkpoint yet");
    private RunSnapshot snapshot;
    private long drawnRevision = -1;

    public ChartsView(MonitorModel model) {
        setId("charts-view");
        getStyleClass().add("cs-charts");
        MonitorStyles.addTo(this);
        backPressure.canvas.setFixedMax(1);
        stateSize.canvas.setDots(true);
        stateSize.canvas.setBinary(true);
        written.canvas.setBinary(true);
        written.canvas.setDots(true);
        duration.canvas.setDots(true);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(throughput, 0, 0);
        grid.add(backPressure, 1, 0);
        grid.add(stateSize, 0, 1);
        grid.add(written, 1, 1);
        grid.add(duration, 0, 2, 2, 1);
        for (Chart c : List.of(throughput, backPressure, stateSize, written, duration)) {
            GridPane.setVgrow(c, Priority.ALWAYS);
            GridPane.setHgrow(c, Priority.ALWAYS);
        }
        grid.getStyleClass().add("cs-charts-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        BorderPane page = new BorderPane(scroll);
        page.setTop(windowSelector());

        Label hint = new Label("Run the job (F5) to see throughput, back-pressure and state size here");
        hint.setId("charts-empty");
        hint.getStyleClass().add("cs-monitor-empty");
        page.visibleProperty().bind(model.snapshotProperty().isNotNull());
        hint.visibleProperty().bind(model.snapshotProperty().isNull());
        getChildren().addAll(page, hint);

        window.addListener((o, a, b) -> {
            drawnRevision = -1;
            show(snapshot);
        });
        model.snapshotProperty().addListener((o, a, s) -> show(s));
        show(model.snapshot());
    }

    private HBox windowSelector() {
        ToggleGroup group = new ToggleGroup();
        HBox bar = new HBox();
        bar.getStyleClass().add("cs-charts-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Window");
        title.getStyleClass().add("cs-cp-muted");
        bar.getChildren().add(title);
        HBox pills = new HBox();
        Window[] all = Window.values();
        for (int i = 0; i < all.length; i++) {
            Window w = all[i];
            ToggleButton b = new ToggleButton(w.label());
            b.setId("window-" + w.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setUserData(w);
            b.getStyleClass().add(i == 0 ? "left-pill" : i == all.length - 1 ? "right-pill" : "center-pill");
            b.setSelected(w == window.get());
            b.setFocusTraversable(false);
            pills.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one window is always chosen
            } else {
                window.set((Window) now.getUserData());
            }
        });
        bar.getChildren().add(pills);
        return bar;
    }

    private void show(RunSnapshot s) {
        snapshot = s;
        if (s == null || s.revision() == drawnRevision) {
            return;
        }
        drawnRevision = s.revision();
        long[] range = window.get().range(s.startedAt(), RunClock.now(s));
        RunHistory h = s.history();
        List<String> operators = s.metrics().operators().stream().map(OperatorFigures::operatorId).toList();
        throughput.show(lines(throughputSeries(s), operators), range);
        backPressure.show(lines(h.backPressured(), operators), range);
        stateSize.show(lines(h.stateSize(), operators), range);
        written.show(lines(h.checkpointedSize(), taskOrder(s)), range);
        duration.show(List.of(new LineChartCanvas.Line("end to end", h.checkpointDuration(), 0)), range);
    }

    /** One line per key, in the given order first (plan order), then any others by name; colours follow that order. */
    static List<LineChartCanvas.Line> lines(Map<String, TimeSeries> series, List<String> order) {
        List<String> keys = new ArrayList<>(series.keySet());
        keys.sort(Comparator.comparingInt((String k) -> order.contains(k) ? order.indexOf(k) : Integer.MAX_VALUE)
                .thenComparing(Function.identity()));
        List<LineChartCanvas.Line> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            lines.add(new LineChartCanvas.Line(keys.get(i), series.get(keys.get(i)), i));
        }
        return lines;
    }

    /** Records in per second by operator; a source reads nothing, so its line is what it emits. */
    static Map<String, TimeSeries> throughputSeries(RunSnapshot s) {
        Map<String, TimeSeries> series = new java.util.LinkedHashMap<>(s.history().recordsInPerSecond());
        for (OperatorFigures o : s.metrics().operators()) {
            TimeSeries out = s.history().recordsOutPerSecond().get(o.operatorId());
            if (o.recordsIn() == 0 && o.recordsOut() > 0 && out != null) {
                series.put(o.operatorId(), out);
            }
        }
        return series;
    }

    private static List<String> taskOrder(RunSnapshot s) {
        List<CheckpointStats> history = s.checkpoints().history();
        return history.isEmpty() ? List.of() : history.get(0).tasks().stream().map(TaskCheckpointStats::name).toList();
    }

    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    public LineChartCanvas throughputChart() {
        return throughput.canvas;
    }

    public LineChartCanvas backPressureChart() {
        return backPressure.canvas;
    }

    public LineChartCanvas stateSizeChart() {
        return stateSize.canvas;
    }

    public LineChartCanvas checkpointedSizeChart() {
        return written.canvas;
    }

    public LineChartCanvas durationChart() {
        return duration.canvas;
    }

    /** A titled chart with its legend; the legend is rebuilt only when the set of lines changed. */
    private static final class Chart extends VBox {
        private final LineChartCanvas canvas;
        private final FlowPane legend = new FlowPane();
        private List<String> legendNames = List.of();

        Chart(String title, DoubleFunction<String> format, String empty) {
            canvas = new LineChartCanvas(format);
            canvas.setEmptyText(empty);
            Label t = new Label(title);
            t.getStyleClass().add("cs-chart-title");
            legend.getStyleClass().add("cs-chart-legend");
            getStyleClass().add("cs-chart-panel");
            VBox.setVgrow(canvas, Priority.ALWAYS);
            getChildren().addAll(t, canvas, legend);
            setMinHeight(170);
        }

        void show(List<LineChartCanvas.Line> lines, long[] range) {
            List<String> names = lines.stream().map(LineChartCanvas.Line::name).toList();
            if (!names.equals(legendNames)) {
                legendNames = names;
                legend.getChildren().clear();
                for (LineChartCanvas.Line l : lines) {
                    Region swatch = new Region();
                    swatch.getStyleClass().addAll("cs-chart-swatch", "cs-chart-" + l.colour() % LineChartCanvas.PALETTE);
                    legend.getChildren().add(new Label(l.name(), swatch));
                }
            }
            canvas.show(lines, range[0], range[1]);
        }
    }
}
