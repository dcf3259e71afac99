package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.PaletteView;
import io.checkpointstudio.app.designer.ProblemLocation;
import io.checkpointstudio.app.designer.ProblemsView;
import io.checkpointstudio.app.monitor.LiveOverlay;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.properties.PropertiesView;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.RunSource;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The studio window: menu bar and toolbar, palette on the left, canvas in the centre, property panel on
 * the right at full height; below palette and canvas, problems, console and the monitor's tabs; status
 * bar at the bottom.
 */
public final class MainWindow {
    private final Stage stage;
    private final DesignerViewModel vm;
    private final Settings settings;
    private final FileActions files;
    private final StackPane root = new StackPane();
    private final Pane dragLayer = new Pane();
    private final GraphCanvasView canvas;
    private final PaletteView palette;
    private final PropertiesView properties;
    private final ProblemsView problems;
    private final TextField find = new TextField();
    private final Menu recentMenu = new Menu("Open Recent");
    private final TabPane bottom = new TabPane();
    private final SplitPane centre = new SplitPane();
    private final MonitorModel monitor;
    private final io.checkpointstudio.app.monitor.SlowMotionOverlay slowMotion;
    private final RunActions runs;
    private final io.checkpointstudio.app.snapshots.SnapshotsView snapshots;
    private boolean dark;
    private io.checkpointstudio.app.compare.CompareWindow lastCompare;
    private final io.checkpointstudio.app.recording.Recordings recordings;

    public MainWindow(Stage stage, DesignerViewModel vm, Settings settings, Executor background, EngineSession session) {
        this.stage = stage;
        this.vm = vm;
        this.settings = settings;
        this.files = new FileActions(vm, settings, background, stage);
        this.monitor = new MonitorModel(session);
        this.runs = new RunActions(vm, monitor, stage);
        this.snapshots = new io.checkpointstudio.app.snapshots.SnapshotsView(monitor, vm::document);
        // Recorded runs (issue #8): every run the app starts is recorded; File ▸ Open Recorded Run… replays one
        this.recordings = new io.checkpointstudio.app.recording.Recordings(settings.dir().resolve("runs"), monitor, stage, vm::log);
        monitor.runProperty().addListener((obs, old, run) -> {
            if (run != null) {
                recordings.record(run, vm.document());
            }
        });
        this.canvas = new GraphCanvasView(vm);
        new LiveOverlay(monitor, canvas, vm::document);
        this.slowMotion = new io.checkpointstudio.app.monitor.SlowMotionOverlay(monitor, canvas, vm::document);
        this.palette = new PaletteView(vm, canvas::dropOperator, dragLayer);
        this.properties = new PropertiesView(vm);
        this.problems = new ProblemsView(vm, this::reveal);
        this.dark = settings.darkTheme();
        layoutParts();
        setupBindings();
        files.onRecentChanged(this::fillRecent);
        fillRecent();
    }

    public FileActions files() {
        return files;
    }

    public DesignerViewModel viewModel() {
        return vm;
    }

    public GraphCanvasView canvas() {
        return canvas;
    }

    public MonitorModel monitor() {
        return monitor;
    }

    public io.checkpointstudio.app.monitor.SlowMotionOverlay slowMotion() {
        return slowMotion;
    }

    public RunActions runs() {
        return runs;
    }

    public TabPane bottomTabs() {
        return bottom;
    }

    /** Stops the monitor's refresh and the session's run, if any. */
    public void dispose() {
        snapshots.dispose();
        recordings.close();
        slowMotion.dispose();
        monitor.dispose();
        monitor.session().close();
    }

    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        Theme.apply(scene, dark);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), vm::redo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), () -> canvas.zoomBy(1.2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), () -> canvas.zoomBy(1.2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), () -> canvas.zoomBy(1 / 1.2));
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> dispose());
        return scene;
    }

    private void layoutParts() {
        BorderPane main = new BorderPane();
        main.setTop(new VBox(menuBar(), toolBar(), recordings.scrubber()));
        ListView<String> console = new ListView<>(vm.console());
        console.setId("console");
        console.getStyleClass().add("cs-console");
        vm.console().addListener((ListChangeListener<String>) c -> console.scrollTo(vm.console().size() - 1));
        Tab problemsTab = new Tab("Problems", problems);
        problemsTab.setId("problems-tab");
        problemsTab.textProperty().bind(Bindings.size(vm.problems()).asString("Problems (%d)"));
        Tab consoleTab = new Tab("Console", console);
        io.checkpointstudio.app.monitor.CheckpointsView checkpoints = new io.checkpointstudio.app.monitor.CheckpointsView(monitor);
        checkpoints.setId("checkpoints-view");
        io.checkpointstudio.app.monitor.ChartsView charts = new io.checkpointstudio.app.monitor.ChartsView(monitor);
        charts.setId("charts-view");
        Tab checkpointsTab = new Tab("Checkpoints", checkpoints);
        checkpointsTab.setId("checkpoints-tab");
        Tab chartsTab = new Tab("Charts", charts);
        chartsTab.setId("charts-tab");
        io.checkpointstudio.app.monitor.EventLogView events = new io.checkpointstudio.app.monitor.EventLogView(monitor);
        events.setId("event-log-view");
        Tab eventsTab = new Tab("Events", events);
        eventsTab.setId("events-tab");
        io.checkpointstudio.app.monitor.FaultPanel faults = new io.checkpointstudio.app.monitor.FaultPanel(monitor);
        faults.setId("fault-panel");
        faults.onAction(vm::log);
        Tab faultsTab = new Tab("Faults", new javafx.scene.control.ScrollPane(faults));
        faultsTab.setId("faults-tab");
        snapshots.setId("snapshots-view");
        snapshots.onRestore(runs::run);
        Tab snapshotsTab = new Tab("Snapshots", snapshots);
        snapshotsTab.setId("snapshots-tab");
        bottom.getTabs().addAll(problemsTab, consoleTab, checkpointsTab, chartsTab, eventsTab, faultsTab, snapshotsTab);
        monitor.sourceProperty().addListener((obs, old, source) -> {
            if (source != null && old == null) {
                // the first run shown (live, recorded or on Flink) makes room for the monitor
                centre.setDividerPositions(0.40);
                Platform.runLater(() -> Platform.runLater(canvas::fitToWindow));
            }
            if (source != null && source != old) {
                bottom.getSelectionModel().select(checkpointsTab);
            }
        });
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The property panel keeps the full height (long option lists); the bottom tabs span palette and
        // canvas, since the monitor's timeline and tables need width more than the palette does.
        SplitPane designer = new SplitPane(palette, canvas);
        designer.setDividerPositions(0.16);
        SplitPane.setResizableWithParent(palette, false);
        palette.setMinWidth(190);
        centre.getItems().addAll(designer, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(bottom, false);
        SplitPane split = new SplitPane(centre, properties);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(properties, false);
        properties.setMinWidth(300);
        main.setCenter(split);
        main.setBottom(statusBar());
        main.setRight(io.checkpointstudio.app.training.Lessons.dock(this)); // lessons: the side panel opens here
        dragLayer.setMouseTransparent(true);
        dragLayer.setPickOnBounds(false);
        root.getChildren().addAll(main, dragLayer);
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New", "mdi2f-file-outline", "Shortcut+N", files::newJob),
                item("Open…", "mdi2f-folder-open-outline", "Shortcut+O", files::openWithDialog),
                recentMenu,
                item("Samples…", "mdi2b-book-open-page-variant-outline", null, this::showSamples),
                new SeparatorMenuItem(),
                item("Save", "mdi2c-content-save-outline", "Shortcut+S", files::save),
                item("Save As…", null, "Shortcut+Shift+S", files::saveAsWithDialog),
                new SeparatorMenuItem(),
                item("Import Flink Configuration…", "mdi2f-file-import-outline", null, files::importConfigWithDialog),
                item("Export Flink Configuration…", "mdi2f-file-export-outline", null, files::exportConfigWithDialog),
                new SeparatorMenuItem(),
                item("Settings…", "mdi2c-cog-outline", "Shortcut+COMMA", this::showSettings),
                new SeparatorMenuItem(),
                item("Quit", null, "Shortcut+Q", () -> {
                    if (files.confirmDiscard()) {
                        stage.hide();
                    }
                }));
        // Recorded runs (issue #8): after Samples…
        int samples = file.getItems().stream().map(MenuItem::getText).toList().indexOf("Samples…");
        List<MenuItem> recorded = recordings.menuItems();
        file.getItems().addAll(samples + 1, recorded);
        MenuItem attachFlink = item("Attach to Flink Job…", "mdi2l-lan-connect", null,
                () -> new io.checkpointstudio.app.flink.AttachFlinkDialog(stage).showAndAttach(monitor, vm::log));
        attachFlink.setId("attach-flink");
        file.getItems().add(samples + 1 + recorded.size(), attachFlink);
        MenuItem undo = item("Undo", "mdi2u-undo", "Shortcut+Z", vm::undo);
        undo.disableProperty().bind(vm.commands().canUndoProperty().not());
        undo.textProperty().bind(Bindings.when(vm.commands().canUndoProperty())
                .then(Bindings.concat("Undo ", vm.commands().undoDescriptionProperty())).otherwise("Undo"));
        MenuItem redo = item("Redo", "mdi2r-redo", "Shortcut+Shift+Z", vm::redo);
        redo.disableProperty().bind(vm.commands().canRedoProperty().not());
        redo.textProperty().bind(Bindings.when(vm.commands().canRedoProperty())
                .then(Bindings.concat("Redo ", vm.commands().redoDescriptionProperty())).otherwise("Redo"));
        Menu edit = new Menu("Edit");
        MenuItem delete = item("Delete", "mdi2d-delete-outline", null, vm::deleteSelection);
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Cut", "mdi2c-content-cut", "Shortcut+X", () -> {
                    copy();
                    vm.deleteSelection();
                }),
                item("Copy", "mdi2c-content-copy", "Shortcut+C", this::copy),
                item("Paste", "mdi2c-content-paste", "Shortcut+V", this::paste),
                item("Duplicate", "mdi2c-content-duplicate", "Shortcut+D", vm::duplicateSelection),
                delete,
                new SeparatorMenuItem(),
                item("Select All", null, "Shortcut+A", vm::selectAll),
                item("Find Operator", "mdi2m-magnify", "Shortcut+F", () -> find.requestFocus()));
        Menu view = new Menu("View");
        view.getItems().addAll(
                item("Zoom In", "mdi2m-magnify-plus-outline", "Shortcut+EQUALS", () -> canvas.zoomBy(1.2)),
                item("Zoom Out", "mdi2m-magnify-minus-outline", "Shortcut+MINUS", () -> canvas.zoomBy(1 / 1.2)),
                item("Actual Size", null, "Shortcut+DIGIT0", canvas::resetZoom),
                item("Fit to Window", "mdi2f-fit-to-page-outline", "Shortcut+DIGIT9", canvas::fitToWindow),
                new SeparatorMenuItem(),
                item("Auto-Layout", "mdi2s-sitemap", "Shortcut+L", () -> {
                    vm.autoLayout();
                    Platform.runLater(canvas::fitToWindow);
                }),
                new SeparatorMenuItem(),
                slowMotionItem(),
                item("Toggle Light/Dark Theme", "mdi2t-theme-light-dark", null, this::toggleTheme));
        Menu run = new Menu("Run");
        run.setId("run-menu");
        MenuItem runItem = item("Run", "mdi2p-play", "F5", runs::run);
        runItem.disableProperty().bind(runs.runningProperty().or(runs.startingProperty()));
        MenuItem savepoint = item("Take Savepoint…", "mdi2c-camera-outline", "Shortcut+Shift+P", runs::savepointNamed);
        MenuItem stop = item("Stop with Savepoint", "mdi2s-stop-circle-outline", null, () -> runs.stopWithSavepoint(false));
        MenuItem drain = item("Stop with Savepoint and Drain", null, null, () -> runs.stopWithSavepoint(true));
        MenuItem cancel = item("Cancel", "mdi2c-close-octagon-outline", "Shift+F5", runs::cancel);
        MenuItem crash = item("Crash (as if the process died)", "mdi2l-lightning-bolt-outline", null, runs::crash);
        for (MenuItem m : List.of(savepoint, stop, drain)) {
            m.disableProperty().bind(runs.savepointableProperty().not());
        }
        for (MenuItem m : List.of(cancel, crash)) {
            m.disableProperty().bind(runs.runningProperty().not());
        }
        MenuItem restore = item("Restore…", "mdi2b-backup-restore", "Shortcut+R", () -> {
            bottom.getSelectionModel().select(bottom.getTabs().stream().filter(t -> "snapshots-tab".equals(t.getId())).findFirst().orElseThrow());
            snapshots.openRestore(snapshots.table().getSelectionModel().getSelectedItem());
        });
        restore.setId("restore");
        restore.disableProperty().bind(runs.runningProperty().or(runs.startingProperty()));
        MenuItem resume = item("Resume from Latest Checkpoint", "mdi2r-restore", null, runs::resumeLatest);
        resume.setId("resume-latest");
        resume.disableProperty().bind(runs.runningProperty().or(runs.startingProperty()).or(monitor.runProperty().isNull()));
        run.getItems().addAll(runItem, restore, resume, new SeparatorMenuItem(), savepoint, stop, drain, new SeparatorMenuItem(), cancel, crash);
        // Compare runs (issue #8)
        run.getItems().addAll(new SeparatorMenuItem(), item("Compare Runs…", "mdi2c-compare-horizontal", null, this::compareRuns));
        Menu help = new Menu("Help");
        help.getItems().addAll(item("Welcome", "mdi2h-home-outline", null, this::showWelcome),
                item("Lessons", "mdi2s-school-outline", null, () -> io.checkpointstudio.app.training.Lessons.open(this)),
                item("Keyboard Shortcuts", "mdi2k-keyboard-outline", null, this::showShortcuts),
                item("About Checkpoint Studio", "mdi2i-information-outline", null, () -> AboutDialog.show(stage, settings.logDir())));
        MenuBar bar = new MenuBar(file, edit, view, run, help);
        bar.setId("menu-bar");
        return bar;
    }

    private MenuItem slowMotionItem() {
        javafx.scene.control.CheckMenuItem m = new javafx.scene.control.CheckMenuItem("Barrier Slow Motion", new FontIcon("mdi2s-snail"));
        m.selectedProperty().bindBidirectional(slowMotion.enabledProperty());
        m.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+B"));
        return m;
    }

    private MenuItem item(String text, String icon, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar() {
        Button undo = tool("mdi2u-undo", "Undo (Ctrl+Z)", vm::undo);
        undo.disableProperty().bind(vm.commands().canUndoProperty().not());
        Button redo = tool("mdi2r-redo", "Redo (Ctrl+Shift+Z)", vm::redo);
        redo.disableProperty().bind(vm.commands().canRedoProperty().not());
        undo.setId("undo");
        redo.setId("redo");
        find.setId("find");
        find.setPromptText("Find operator (Ctrl+F)");
        find.setPrefColumnCount(16);
        find.setOnAction(e -> findOperator(find.getText()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(
                tool("mdi2f-file-outline", "New (Ctrl+N)", files::newJob),
                tool("mdi2f-folder-open-outline", "Open (Ctrl+O)", files::openWithDialog),
                tool("mdi2c-content-save-outline", "Save (Ctrl+S)", files::save),
                tool("mdi2b-book-open-page-variant-outline", "Samples", this::showSamples),
                new javafx.scene.control.Separator(Orientation.VERTICAL), undo, redo,
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("mdi2c-content-duplicate", "Duplicate (Ctrl+D)", vm::duplicateSelection),
                tool("mdi2d-delete-outline", "Delete (Del)", vm::deleteSelection),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("mdi2s-sitemap", "Auto-layout (Ctrl+L)", () -> {
                    vm.autoLayout();
                    Platform.runLater(canvas::fitToWindow);
                }),
                tool("mdi2m-magnify-plus-outline", "Zoom in (Ctrl++)", () -> canvas.zoomBy(1.2)),
                tool("mdi2m-magnify-minus-outline", "Zoom out (Ctrl+-)", () -> canvas.zoomBy(1 / 1.2)),
                tool("mdi2f-fit-to-page-outline", "Fit to window (Ctrl+9)", canvas::fitToWindow),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                runButtons(),
                new io.checkpointstudio.app.monitor.SlowMotionControls(slowMotion),
                spacer, find,
                tool("mdi2t-theme-light-dark", "Light or dark theme", this::toggleTheme));
        bar.getStyleClass().add("cs-toolbar");
        return bar;
    }

    private HBox runButtons() {
        Button run = tool("mdi2p-play", "Run the job on the embedded engine (F5)", runs::run);
        run.setId("run");
        run.setText("Run");
        run.getStyleClass().remove("button-icon");
        run.getStyleClass().add("success");
        run.disableProperty().bind(runs.runningProperty().or(runs.startingProperty()));
        Button savepoint = tool("mdi2c-camera-outline", "Take a savepoint now (into state.savepoints.dir)", runs::savepoint);
        savepoint.setId("savepoint");
        javafx.scene.control.SplitMenuButton stop = new javafx.scene.control.SplitMenuButton();
        stop.setId("stop-with-savepoint");
        stop.setGraphic(new FontIcon("mdi2s-stop-circle-outline"));
        stop.setTooltip(new Tooltip("Stop with a savepoint (the job suspends; restore it later from the savepoint)"));
        stop.setOnAction(e -> runs.stopWithSavepoint(false));
        MenuItem drain = new MenuItem("Stop with savepoint and drain (sources end first, windows fire)");
        drain.setId("stop-drain");
        drain.setOnAction(e -> runs.stopWithSavepoint(true));
        stop.getItems().add(drain);
        stop.setFocusTraversable(false);
        Button cancel = tool("mdi2c-close-octagon-outline", "Cancel the job (Shift+F5); retained checkpoints follow the retention setting", runs::cancel);
        cancel.setId("cancel");
        for (javafx.scene.control.Control c : List.of(savepoint, stop)) {
            c.disableProperty().bind(runs.savepointableProperty().not());
        }
        cancel.disableProperty().bind(runs.runningProperty().not());
        javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(runs.startingProperty());
        busy.managedProperty().bind(runs.startingProperty());
        HBox box = new HBox(4, run, busy, savepoint, stop, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Button tool(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private HBox statusBar() {
        Label file = new Label();
        file.setId("status-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.fileProperty().get();
            return p == null ? "Not saved yet" : p.toString();
        }, vm.fileProperty()));
        Label dirty = new Label("● Modified");
        dirty.setId("status-dirty");
        dirty.getStyleClass().add("cs-dirty");
        dirty.visibleProperty().bind(vm.dirtyProperty());
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            JobDocument d = vm.document();
            return d.operators().size() + " operators · " + d.edges().size() + " connections";
        }, vm.documentProperty()));
        Label problemCount = new Label();
        problemCount.setId("status-problems");
        vm.problems().addListener((ListChangeListener<Problem>) c -> {
            problemCount.getStyleClass().removeAll("cs-errors", "cs-warnings");
            boolean errors = vm.problems().stream().anyMatch(Problem::isError);
            if (!vm.problems().isEmpty()) {
                problemCount.getStyleClass().add(errors ? "cs-errors" : "cs-warnings");
            }
        });
        problemCount.textProperty().bind(Bindings.createStringBinding(() -> {
            long e = vm.problems().stream().filter(Problem::isError).count();
            long w = vm.problems().size() - e;
            return e == 0 && w == 0 ? "Valid" : e + (e == 1 ? " error" : " errors") + ", " + w + (w == 1 ? " warning" : " warnings");
        }, vm.problems()));
        Label zoom = new Label();
        zoom.textProperty().bind(canvas.zoomLevelProperty().multiply(100).asString("%.0f %%"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label runStatus = new Label();
        runStatus.setId("status-run");
        runStatus.getStyleClass().add("cs-run-status");
        monitor.snapshotProperty().addListener((obs, old, now) -> showRunStatus(runStatus, now, monitor.source()));
        HBox bar = new HBox(file, dirty, runStatus, spacer, counts, problemCount, zoom);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("cs-status-bar");
        return bar;
    }

    private static void showRunStatus(Label label, RunSnapshot s, RunSource source) {
        if (s == null) {
            label.setText("");
            return;
        }
        long end = s.replayed() ? s.asOf() : s.endedAt() > 0 ? s.endedAt() : System.currentTimeMillis();
        long secs = Math.max(0, (end - s.startedAt()) / 1000);
        var counts = s.checkpoints().counts();
        String origin = source == null ? "" : source.origin();
        String text = s.status() + " · " + s.jobName() + (origin.isEmpty() ? "" : " " + origin) + " · " + String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60)
                + " · checkpoints " + counts.completed() + " completed" + (counts.failed() > 0 ? ", " + counts.failed() + " failed" : "")
                + (s.restarts() > 0 ? " · " + s.restarts() + (s.restarts() == 1 ? " restart" : " restarts") : "")
                + (s.running() && source != null && source.live() ? " · edits apply to the next run" : "");
        label.setText(text);
        label.getStyleClass().removeIf(c -> !c.equals("cs-run-status") && !c.equals("label"));
        label.getStyleClass().add(s.status().name().toLowerCase(Locale.ROOT));
    }

    private void setupBindings() {
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.fileProperty().get();
            String name = p == null ? vm.document().name() : p.getFileName().toString();
            return (vm.isDirty() ? "• " : "") + name + " — Checkpoint Studio";
        }, vm.fileProperty(), vm.dirtyProperty(), vm.documentProperty()));
    }

    // Commands

    private void copy() {
        String json = vm.copySelection();
        if (json != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(json);
            Clipboard.getSystemClipboard().setContent(c);
            vm.log("Copied " + vm.selection().size() + " operators");
        }
    }

    private void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (!vm.paste(text, "Paste")) {
            vm.log("The clipboard holds no job-document JSON with operators");
        }
    }

    public void findOperator(String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return;
        }
        List<OperatorSpec> ops = vm.document().operators();
        ops.stream().filter(o -> o.id().toLowerCase(Locale.ROOT).contains(q) || o.displayName().toLowerCase(Locale.ROOT).contains(q)
                        || o.type().contains(q))
                .findFirst()
                .ifPresentOrElse(o -> {
                    vm.select(Set.of(o.id()));
                    canvas.centerOn(o.id());
                    canvas.requestFocus();
                }, () -> vm.log("No operator matches '" + query + "'"));
    }

    private void reveal(Problem p) {
        JobDocument doc = vm.validatedDocumentProperty().get() == null ? vm.document() : vm.validatedDocumentProperty().get();
        ProblemLocation loc = ProblemLocation.of(p, doc);
        if (loc.operatorId() != null && vm.document().indexOf(loc.operatorId()) >= 0) {
            vm.select(Set.of(loc.operatorId()));
            canvas.centerOn(loc.operatorId());
            if (loc.param() != null) {
                Platform.runLater(() -> focusProperty("#prop-" + io.checkpointstudio.app.properties.PropertyItem.idFor(loc.param())));
            }
        } else if (loc.configKey() != null) {
            vm.clearSelection();
            Platform.runLater(() -> focusProperty("#prop-" + io.checkpointstudio.app.properties.PropertyItem.idFor(loc.configKey())));
        }
    }

    private void focusProperty(String selector) {
        Node n = properties.lookup(selector);
        if (n != null) {
            n.requestFocus();
        }
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : settings.recentFiles()) {
            recentMenu.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, null, () -> files.openRecent(p)));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void toggleTheme() {
        setTheme(!dark);
    }

    private void setTheme(boolean dark) {
        this.dark = dark;
        settings.setDarkTheme(dark);
        Theme.apply(stage.getScene(), dark);
    }

    /** Run ▸ Compare Runs…: the current job twice, side by side (a window of its own). */
    public io.checkpointstudio.app.compare.CompareWindow compareRuns() {
        lastCompare = io.checkpointstudio.app.compare.CompareWindow.show(stage, vm::document,
                () -> new EngineSession.Folders(settings.defaultCheckpointDir(), settings.defaultSavepointDir()),
                settings.dir().resolve("compare"));
        return lastCompare;
    }

    /** Recorded runs: open, export, the scrubber. */
    public io.checkpointstudio.app.recording.Recordings recordings() {
        return recordings;
    }

    /** The compare window opened last, or null. */
    public io.checkpointstudio.app.compare.CompareWindow lastCompareWindow() {
        return lastCompare;
    }

    public Settings settings() {
        return settings;
    }

    /** Help ▸ Welcome, and the first start. */
    public javafx.stage.Stage showWelcome() {
        return WelcomeView.show(stage, settings, files, canvas::fitToWindow);
    }

    private void showSettings() {
        SettingsDialog.show(stage, settings, this::setTheme, this::fillRecent);
    }

    private void showSamples() {
        SampleGalleryView.show(stage, p -> {
            if (files.confirmDiscard()) {
                files.open(p);
            }
        });
    }

    private void showShortcuts() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText(String.join("\n",
                "Delete — delete the selection", "Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y — undo, redo",
                "Ctrl+C / Ctrl+V / Ctrl+X / Ctrl+D — copy, paste, cut, duplicate (job-document JSON)",
                "Ctrl+N / Ctrl+O / Ctrl+S / Ctrl+Shift+S — new, open, save, save as",
                "Ctrl+F — find an operator", "Arrows — nudge (Shift: 5 grid steps)", "Ctrl+L — auto-layout",
                "Ctrl+= / Ctrl+- / Ctrl+0 / Ctrl+9 — zoom in, out, 100 %, fit", "Wheel — zoom; right-drag — pan",
                "Ctrl+click, rubber band — select several", "Ctrl+Shift+B — barrier slow motion"));
        a.show();
    }

    static Insets pad(double v) {
        return new Insets(v);
    }
}
