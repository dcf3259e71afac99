package io.checkpointstudio.app.compare;

import io.checkpointstudio.app.monitor.LineChartCanvas;
import io.checkpointstudio.app.monitor.MonitorStyles;
import io.checkpointstudio.app.monitor.Readable;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.FailurePlan;
import io.checkpointstudio.app.session.SinkRecords;
import io.checkpointstudio.app.session.TimeSeries;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Run ▸ Compare Runs…: the current job run twice with two sets of settings, the same input and the same
 * injected failure, side by side — status, throughput, checkpoint durations and sizes, restarts — and what
 * the sink delivered on each side compared key by key (duplicates, missing, unexpected records).
 */
public final class CompareWindow {
    private static final String[] FIGURES = {"status", "throughput", "checkpoints", "durations", "sizes", "restarts",
        "records", "duplicates", "missing", "unexpected", "final"};
    private static final String[] FIGURE_LABELS = {"Status", "Throughput", "Checkpoints", "Duration p50 / max",
        "Checkpointed (avg) / state (max)", "Restarts", "Sink records (distinct)", "Duplicates", "Missing", "Unexpected",
        "Different final value"};

    private final Stage stage = new Stage();
    private final Supplier<JobDocument> job;
    private final Supplier<EngineSession.Folders> folders;
    private final Path workRoot;
    private final ReadOnlyObjectWrapper<RunComparison.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ComboBox<ComparePreset> preset = new ComboBox<>();
    private final TextField aLabel = new TextField();
    private final TextField bLabel = new TextField();
    private final TextArea aSettings = new TextArea();
    private final TextArea bSettings = new TextArea();
    private final ComboBox<String> sink = new ComboBox<>();
    private final TextField keyField = new TextField();
    private final CheckBox fail = new CheckBox("Inject the same failure into both runs:");
    private final ComboBox<String> failOperator = new ComboBox<>();
    private final TextField failSubtask = new TextField("0");
    private final TextField failAfter = new TextField("10000");
    private final TextField timeLimit = new TextField("120");
    private final Button run = new Button("Run both", new FontIcon("mdi2p-play"));
    private final Label status = new Label("Pick two settings, then run both. A is the baseline B is measured against.");
    private final Label summary = new Label();
    private final Map<String, Label> aFigures = new LinkedHashMap<>();
    private final Map<String, Label> bFigures = new LinkedHashMap<>();
    private final Label aTitle = new Label("A");
    private final Label bTitle = new Label("B");
    private final LineChartCanvas durations = new LineChartCanvas(v -> Readable.millis((long) v));
    private final LineChartCanvas throughput = new LineChartCanvas(v -> String.format(Locale.ROOT, "%,.0f/s", v));
    private final TableView<SinkDiff.KeyDiff> keys = new TableView<>();

    private CompareWindow(Window owner, Supplier<JobDocument> job, Supplier<EngineSession.Folders> folders, Path workRoot) {
        this.job = job;
        this.folders = folders;
        this.workRoot = workRoot;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Compare runs");
        Scene scene = new Scene(layout(), 1180, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        fill(job.get());
    }

    /** Opens the window for the job the designer holds now. */
    public static CompareWindow show(Window owner, Supplier<JobDocument> job, Supplier<EngineSession.Folders> folders, Path workRoot) {
        CompareWindow w = new CompareWindow(owner, job, folders, workRoot);
        w.stage.show();
        return w;
    }

    public Stage stage() {
        return stage;
    }

    /** The last comparison's result; null before the first one finished. */
    public ReadOnlyObjectProperty<RunComparison.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ layout

    private VBox layout() {
        preset.setId("compare-preset");
        aLabel.setId("compare-a-label");
        bLabel.setId("compare-b-label");
        aSettings.setId("compare-a");
        bSettings.setId("compare-b");
        sink.setId("compare-sink");
        keyField.setId("compare-key");
        fail.setId("compare-fail");
        failOperator.setId("compare-fail-operator");
        failSubtask.setId("compare-fail-subtask");
        failAfter.setId("compare-fail-after");
        timeLimit.setId("compare-limit");
        run.setId("compare-run");
        status.setId("compare-status");
        summary.setId("compare-summary");
        keys.setId("compare-keys");
        run.getStyleClass().add("accent");
        for (TextArea t : List.of(aSettings, bSettings)) {
            t.setPrefRowCount(3);
            t.setPrefColumnCount(34);
            t.setPromptText("key=value per line: a configuration key, or <operator>.<parameter>");
        }
        aLabel.setPrefColumnCount(12);
        bLabel.setPrefColumnCount(12);
        failSubtask.setPrefColumnCount(3);
        failAfter.setPrefColumnCount(8);
        timeLimit.setPrefColumnCount(4);
        keyField.setPrefColumnCount(8);
        preset.valueProperty().addListener((o, a, p) -> {
            if (p != null) {
                aLabel.setText(p.a().label());
                bLabel.setText(p.b().label());
                aSettings.setText(p.a().text());
                bSettings.setText(p.b().text());
            }
        });

        HBox top = new HBox(8, new Label("Preset"), preset, new Label("Sink"), sink, new Label("Key field"), keyField,
                new Label("Stop a run after"), timeLimit, new Label("s"));
        top.setAlignment(Pos.CENTER_LEFT);
        GridPane sides = new GridPane();
        sides.setHgap(8);
        sides.setVgap(4);
        sides.addRow(0, new Label("A (baseline)"), aLabel, new Label("B"), bLabel);
        sides.add(aSettings, 0, 1, 2, 1);
        sides.add(bSettings, 2, 1, 2, 1);
        GridPane.setHgrow(aSettings, Priority.ALWAYS);
        GridPane.setHgrow(bSettings, Priority.ALWAYS);
        HBox failure = new HBox(8, fail, new Label("operator"), failOperator, new Label("subtask"), failSubtask,
                new Label("after"), failAfter, new Label("records"));
        failure.setAlignment(Pos.CENTER_LEFT);
        for (var n : List.of(failOperator, failSubtask, failAfter)) {
            n.disableProperty().bind(fail.selectedProperty().not());
        }
        status.setWrapText(true);
        HBox actions = new HBox(12, run, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        run.setOnAction(e -> start());

        GridPane figures = new GridPane();
        figures.setId("compare-figures");
        figures.setHgap(16);
        figures.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(210);
        ColumnConstraints col = new ColumnConstraints();
        col.setPercentWidth(36);
        figures.getColumnConstraints().addAll(names, col, col);
        aTitle.getStyleClass().add("title-4");
        bTitle.getStyleClass().add("title-4");
        figures.addRow(0, new Label(""), aTitle, bTitle);
        for (int i = 0; i < FIGURES.length; i++) {
            Label a = new Label(Readable.UNKNOWN);
            Label b = new Label(Readable.UNKNOWN);
            a.setId("compare-a-" + FIGURES[i]);
            b.setId("compare-b-" + FIGURES[i]);
            aFigures.put(FIGURES[i], a);
            bFigures.put(FIGURES[i], b);
            Label name = new Label(FIGURE_LABELS[i]);
            name.getStyleClass().add("text-muted");
            figures.addRow(i + 1, name, a, b);
        }
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        summary.getStyleClass().add("text-bold");

        durations.setDots(true);
        durations.setEmptyText("Checkpoint durations appear after a comparison");
        throughput.setEmptyText("Throughput appears after a comparison");
        VBox durationBox = new VBox(2, new Label("Checkpoint duration (time since start)"), durations);
        VBox throughputBox = new VBox(2, new Label("Source throughput (time since start)"), throughput);
        VBox.setVgrow(durations, Priority.ALWAYS);
        VBox.setVgrow(throughput, Priority.ALWAYS);
        durations.setPrefSize(330, 150);
        throughput.setPrefSize(330, 150);
        keyColumns();
        keys.setPlaceholder(new Label("Keys where the sinks' outputs differ appear here"));
        keys.setPrefWidth(460);
        HBox bottom = new HBox(10, durationBox, throughputBox, keys);
        HBox.setHgrow(keys, Priority.ALWAYS);
        HBox.setHgrow(durationBox, Priority.SOMETIMES);
        HBox.setHgrow(throughputBox, Priority.SOMETIMES);
        VBox.setVgrow(bottom, Priority.ALWAYS);

        VBox root = new VBox(8, top, sides, failure, actions, new javafx.scene.control.Separator(), figures, summary, legend(), bottom);
        MonitorStyles.addTo(root);
        root.setPadding(new Insets(10));
        return root;
    }

    /** Which colour is which side in the charts. */
    private HBox legend() {
        HBox legend = new HBox(6);
        legend.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.Region swatch = new javafx.scene.layout.Region();
            swatch.getStyleClass().addAll("cs-chart-swatch", "cs-chart-" + i);
            swatch.setMinSize(12, 12);
            swatch.setMaxSize(12, 12);
            Label name = new Label();
            name.textProperty().bind((i == 0 ? aTitle : bTitle).textProperty());
            legend.getChildren().addAll(swatch, name, new Label("   "));
        }
        return legend;
    }

    private void keyColumns() {
        keys.getColumns().add(column("Key", d -> d.key(), 70));
        keys.getColumns().add(column("A records", d -> String.valueOf(d.aRecords()), 70));
        keys.getColumns().add(column("B records", d -> String.valueOf(d.bRecords()), 70));
        keys.getColumns().add(column("B dup.", d -> String.valueOf(d.bDuplicates()), 55));
        keys.getColumns().add(column("B missing", d -> String.valueOf(d.missing()), 65));
        keys.getColumns().add(column("A final", d -> d.aFinal() == null ? "" : d.aFinal(), 150));
        keys.getColumns().add(column("B final", d -> d.bFinal() == null ? "" : d.bFinal(), 150));
    }

    private static TableColumn<SinkDiff.KeyDiff, String> column(String title, java.util.function.Function<SinkDiff.KeyDiff, String> value, double width) {
        TableColumn<SinkDiff.KeyDiff, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new SimpleStringProperty(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Presets, sinks and a failure that fit the job. */
    private void fill(JobDocument doc) {
        preset.getItems().setAll(ComparePreset.forJob(doc));
        preset.getSelectionModel().selectFirst();
        OperatorRegistry registry = OperatorRegistry.standard();
        String keyedOp = null;
        String key = null;
        for (OperatorSpec op : doc.operators()) {
            OperatorDescriptor d = registry.find(op.type()).orElse(null);
            if (d == null) {
                continue;
            }
            if (d.isSink() && SinkRecords.readable(op.type())) {
                sink.getItems().add(op.id());
            }
            if (!d.isSink()) {
                failOperator.getItems().add(op.id());
            }
            if (key == null && op.params().get("key") instanceof String k) {
                key = k;
            }
            if (keyedOp == null && d.keyed()) {
                keyedOp = op.id();
            }
        }
        sink.getSelectionModel().selectFirst();
        keyField.setText(key == null ? "" : key);
        if (keyedOp != null) {
            failOperator.getSelectionModel().select(keyedOp);
        } else {
            failOperator.getSelectionModel().selectFirst();
        }
        fail.setSelected(true);
        if (sink.getItems().isEmpty()) {
            status.setText("This job has no file or collect sink, so what it delivered cannot be read back and compared.");
            run.setDisable(true);
        }
    }

    // ------------------------------------------------------------------ commands

    /** Validates the form, then runs side A and side B; the window stays usable while they run. */
    public void start() {
        RunComparison.Request request;
        try {
            RunVariant a = RunVariant.parse(aLabel.getText().isBlank() ? "A" : aLabel.getText().strip(), aSettings.getText());
            RunVariant b = RunVariant.parse(bLabel.getText().isBlank() ? "B" : bLabel.getText().strip(), bSettings.getText());
            if (sink.getValue() == null) {
                throw new IllegalArgumentException("pick the sink whose output to compare");
            }
            if (keyField.getText().isBlank()) {
                throw new IllegalArgumentException("name the key field the records are grouped by");
            }
            FailurePlan plan = null;
            if (fail.isSelected()) {
                if (failOperator.getValue() == null) {
                    throw new IllegalArgumentException("pick the operator to fail");
                }
                plan = new FailurePlan(failOperator.getValue(), Integer.parseInt(failSubtask.getText().strip()),
                        Long.parseLong(failAfter.getText().strip().replace(",", "").replace("_", "")));
            }
            long limit = Long.parseLong(timeLimit.getText().strip()) * 1000;
            Path dir = workRoot.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").format(java.time.LocalDateTime.now()));
            request = new RunComparison.Request(job.get(), a, b, plan, sink.getValue(), keyField.getText().strip(), dir, folders.get(), limit);
        } catch (NumberFormatException e) {
            status.setText("Subtask, record count and time limit must be whole numbers (" + e.getMessage() + ")");
            return;
        } catch (IllegalArgumentException e) {
            status.setText("Cannot compare: " + e.getMessage());
            return;
        }
        run.setDisable(true);
        aTitle.setText("A · " + request.a().label());
        bTitle.setText("B · " + request.b().label());
        status.setText("Starting…" + (request.failure() == null ? "" : " Both runs: " + request.failure().describe() + "."));
        RunComparison.run(request, p -> Platform.runLater(() -> status.setText(p))).whenComplete((r, e) -> Platform.runLater(() -> {
            run.setDisable(false);
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                status.setText("The comparison failed: " + cause.getMessage());
                return;
            }
            show(r);
        }));
    }

    private void show(RunComparison.Result r) {
        figures(aFigures, r.a(), r.diff().a(), true);
        figures(bFigures, r.b(), r.diff().b(), false);
        summary.setText(r.a().variant().label() + " (A): " + SinkDiff.describe(r.diff().a(), true) + " · "
                + r.b().variant().label() + " (B): " + SinkDiff.describe(r.diff().b(), false)
                + (r.request().failure() == null ? "" : "  — both runs: " + r.request().failure().describe()));
        long origin = LocalDate.now().atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
        long end = Math.max(r.a().durationMillis(), r.b().durationMillis());
        durations.show(List.of(new LineChartCanvas.Line("A " + r.a().variant().label(), at(r.a().checkpointDuration(), origin), 0),
                new LineChartCanvas.Line("B " + r.b().variant().label(), at(r.b().checkpointDuration(), origin), 1)), origin, origin + end);
        throughput.show(List.of(new LineChartCanvas.Line("A " + r.a().variant().label(), at(r.a().throughput(), origin), 0),
                new LineChartCanvas.Line("B " + r.b().variant().label(), at(r.b().throughput(), origin), 1)), origin, origin + end);
        Platform.runLater(() -> { // once CSS has styled them, so the lines get the theme's colours
            durations.show(durations.lines(), origin, origin + end);
            throughput.show(throughput.lines(), origin, origin + end);
        });
        keys.getItems().setAll(r.diff().keys());
        status.setText("Compared " + SinkDiff.count(r.diff().a().records(), "record") + " (A) with "
                + SinkDiff.count(r.diff().b().records(), "record") + " (B) from " + r.b().sink().how().replace(r.request().workDir().resolve("B").toString(), "…/B"));
        result.set(r);
    }

    /** A series of ms-since-start moved to today's midnight, so the time axis reads as elapsed time. */
    private static TimeSeries at(TimeSeries relative, long origin) {
        TimeSeries s = new TimeSeries();
        TimeSeries.Points p = relative.all();
        for (int i = 0; i < p.size(); i++) {
            s.add(origin + p.times()[i], p.values()[i]);
        }
        return s;
    }

    private static void figures(Map<String, Label> labels, RunFigures f, SinkDiff.Side side, boolean baseline) {
        labels.get("status").setText(f.status() + (f.failure() == null ? "" : " — " + f.failure()));
        labels.get("throughput").setText(String.format(Locale.ROOT, "%,.0f events/s", f.eventsPerSecond()));
        labels.get("checkpoints").setText(f.checkpointsCompleted() + " completed" + (f.checkpointsFailed() > 0 ? ", " + f.checkpointsFailed() + " failed" : ""));
        labels.get("durations").setText(f.checkpointsCompleted() == 0 ? Readable.UNKNOWN
                : Readable.millis(Math.round(f.p50DurationMs())) + " / " + Readable.millis(f.maxDurationMs()));
        labels.get("sizes").setText(f.checkpointsCompleted() == 0 ? Readable.UNKNOWN
                : Readable.bytes(f.avgCheckpointedBytes()) + " / " + Readable.bytes(f.maxStateBytes()));
        labels.get("restarts").setText(f.restarts() + (f.restoredCheckpoint() > 0 ? " (restored checkpoint " + f.restoredCheckpoint() + ")" : ""));
        labels.get("records").setText(String.format(Locale.ROOT, "%,d (%,d)", side.records(), side.distinct()));
        labels.get("duplicates").setText(side.duplicates() == 0 ? "0" : SinkDiff.count(side.duplicates(), "record") + " over " + SinkDiff.count(side.duplicateKeys(), "key"));
        labels.get("missing").setText(baseline ? "— (baseline)" : side.missing() == 0 ? "0" : SinkDiff.count(side.missing(), "record") + " over " + SinkDiff.count(side.missingKeys(), "key"));
        labels.get("unexpected").setText(baseline ? "— (baseline)" : side.unexpected() == 0 ? "0" : SinkDiff.count(side.unexpected(), "record") + " over " + SinkDiff.count(side.unexpectedKeys(), "key"));
        labels.get("final").setText(baseline ? "— (baseline)" : side.differentFinalKeys() == 0 ? "0" : SinkDiff.count(side.differentFinalKeys(), "key"));
        for (Label l : labels.values()) {
            l.getStyleClass().remove("danger");
        }
        if (side.duplicates() > 0) {
            labels.get("duplicates").getStyleClass().add("danger");
        }
        if (side.missing() > 0) {
            labels.get("missing").getStyleClass().add("danger");
        }
    }
}
