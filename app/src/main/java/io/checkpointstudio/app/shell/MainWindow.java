package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.compare.CompareWindow;
import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.PaletteView;
import io.checkpointstudio.app.monitor.LiveOverlay;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.properties.PropertiesView;
import io.checkpointstudio.app.recording.Recordings;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.slowmotion.SlowMotionOverlay;
import io.checkpointstudio.app.snapshots.SnapshotsView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The studio window, composed: menu bar and toolbar, palette on the left, canvas in the centre, property panel on
 * the right at full height; below palette and canvas, problems, console and the monitor's tabs; the guide (the
 * lessons) docked at the right edge; status bar at the bottom. Its parts live in their own classes
 * ({@link MainMenuBar}, {@link MainToolBar}, {@link StatusBar}, {@link BottomTabs}, {@link WindowCommands}); this
 * class builds them, lays them out and gives tests and the guide a handle on them.
 */
public final class MainWindow {
    private final Stage stage;
    private final DesignerViewModel vm;
    private final Settings settings;
    private final FileActions files;
    private final MonitorModel monitor;
    private final RunActions runs;
    private final SnapshotsView snapshots;
    private final Recordings recordings;
    private final GraphCanvasView canvas;
    private final SlowMotionOverlay slowMotion;
    private final Pane dragLayer = new Pane();
    private final PaletteView palette;
    private final PropertiesView properties;
    private final Guide guide;
    private final WindowCommands commands;
    private final BottomTabs tabs;
    private final StatusBar statusBar;
    private final StackPane root = new StackPane();

    /**
     * Builds the window's parts into {@code stage}. {@code guide} makes the guide docked at the window's right
     * edge (the lessons) for this window; it may keep the window, and reaches its parts only once it opens.
     */
    public MainWindow(Stage stage, DesignerViewModel vm, Settings settings, Executor background, EngineSession session,
                      Function<MainWindow, Guide> guide) {
        this.stage = stage;
        this.vm = vm;
        this.settings = settings;
        this.files = new FileActions(vm, settings, background, stage);
        this.monitor = new MonitorModel(session);
        this.runs = new RunActions(vm, monitor, stage);
        this.snapshots = new SnapshotsView(monitor, vm::document);
        snapshots.onRestore(runs::run);
        // Recorded runs (issue #8): every run the app starts is recorded; File ▸ Open Recorded Run… replays one
        this.recordings = new Recordings(settings.dir().resolve("runs"), monitor, stage, vm::log);
        monitor.runProperty().addListener((obs, old, run) -> {
            if (run != null) {
                recordings.record(run, vm.document());
            }
        });
        this.canvas = new GraphCanvasView(vm);
        new LiveOverlay(monitor, canvas, vm::document, vm.registry());
        this.slowMotion = new SlowMotionOverlay(monitor, canvas, vm::document);
        this.palette = new PaletteView(vm, canvas::dropOperator, dragLayer);
        this.properties = new PropertiesView(vm);
        this.guide = guide.apply(this);
        this.commands = new WindowCommands(stage, vm, settings, files, monitor, canvas, properties, this.guide);
        this.tabs = new BottomTabs(vm, monitor, snapshots, commands::reveal);
        this.statusBar = new StatusBar(vm, canvas, monitor);
        layOut();
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.fileProperty().get();
            String name = p == null ? vm.document().name() : p.getFileName().toString();
            return (vm.isDirty() ? "• " : "") + name + " — Checkpoint Studio";
        }, vm.fileProperty(), vm.dirtyProperty(), vm.documentProperty()));
    }

    private void layOut() {
        MainToolBar toolBar = new MainToolBar(this, commands);
        MainMenuBar menuBar = new MainMenuBar(this, commands, tabs, toolBar::focusFind);
        files.onRecentChanged(menuBar::fillRecent);
        // The property panel keeps the full height (long option lists); the bottom tabs span palette and
        // canvas, since the monitor's timeline and tables need width more than the palette does.
        SplitPane designer = new SplitPane(palette, canvas);
        designer.setDividerPositions(0.16);
        SplitPane.setResizableWithParent(palette, false);
        palette.setMinWidth(190);
        SplitPane centre = new SplitPane(designer, tabs.pane());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.78);
        SplitPane.setResizableWithParent(tabs.pane(), false);
        monitor.sourceProperty().addListener((obs, old, source) -> {
            if (source != null && old == null) {
                // the first run shown (live, recorded or on Flink) makes room for the monitor
                centre.setDividerPositions(0.40);
                Platform.runLater(() -> Platform.runLater(canvas::fitToWindow));
            }
        });
        SplitPane split = new SplitPane(centre, properties);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(properties, false);
        properties.setMinWidth(300);
        BorderPane main = new BorderPane();
        main.setTop(new VBox(menuBar.node(), toolBar.node(), recordings.scrubber()));
        main.setCenter(split);
        main.setBottom(statusBar.node());
        main.setRight(guide.dock());
        dragLayer.setMouseTransparent(true);
        dragLayer.setPickOnBounds(false);
        root.getChildren().addAll(main, dragLayer);
    }

    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        Theme.apply(scene, commands.dark());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), vm::redo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), commands::zoomIn);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), commands::zoomIn);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), commands::zoomOut);
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> dispose());
        return scene;
    }

    /** What follows the window's first showing: the welcome on the first start. */
    public void afterShown(List<String> args) {
        if (WelcomeView.dueAtStart(settings, args)) {
            showWelcome();
        }
    }

    /** Stops the monitor's refresh and the session's run, if any. */
    public void dispose() {
        snapshots.dispose();
        recordings.close();
        slowMotion.dispose();
        monitor.dispose();
        monitor.session().close();
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

    public SlowMotionOverlay slowMotion() {
        return slowMotion;
    }

    public RunActions runs() {
        return runs;
    }

    public TabPane bottomTabs() {
        return tabs.pane();
    }

    /** The status bar: features add their indicators to it ({@link StatusBar#addIndicator}). */
    public StatusBar statusBar() {
        return statusBar;
    }

    /** Recorded runs: open, export, the scrubber. */
    public Recordings recordings() {
        return recordings;
    }

    public Settings settings() {
        return settings;
    }

    /** Run ▸ Compare Runs…: the current job twice, side by side (a window of its own). */
    public CompareWindow compareRuns() {
        return commands.compareRuns();
    }

    /** The compare window opened last, or null. */
    public CompareWindow lastCompareWindow() {
        return commands.lastCompareWindow();
    }

    /** Help ▸ Welcome, and the first start. */
    public Stage showWelcome() {
        return commands.showWelcome();
    }
}
