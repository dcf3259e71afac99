package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.slowmotion.SlowMotionControls;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's toolbar: file, history, editing and zoom buttons, the run buttons (run, savepoint, stop with a
 * savepoint, cancel), the slow motion switch, the find field and the theme switch.
 */
final class MainToolBar {
    private final TextField find = new TextField();
    private final ToolBar bar;

    MainToolBar(MainWindow window, WindowCommands commands) {
        DesignerViewModel vm = window.viewModel();
        GraphCanvasView canvas = window.canvas();
        FileActions files = window.files();
        Button undo = tool("mdi2u-undo", "Undo (Ctrl+Z)", vm::undo);
        undo.disableProperty().bind(vm.commands().canUndoProperty().not());
        undo.setId("undo");
        Button redo = tool("mdi2r-redo", "Redo (Ctrl+Shift+Z)", vm::redo);
        redo.disableProperty().bind(vm.commands().canRedoProperty().not());
        redo.setId("redo");
        find.setId("find");
        find.setPromptText("Find operator (Ctrl+F)");
        find.setPrefColumnCount(16);
        find.setOnAction(e -> commands.findOperator(find.getText()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new ToolBar(
                tool("mdi2f-file-outline", "New (Ctrl+N)", files::newJob),
                tool("mdi2f-folder-open-outline", "Open (Ctrl+O)", files::openWithDialog),
                tool("mdi2c-content-save-outline", "Save (Ctrl+S)", files::save),
                tool("mdi2b-book-open-page-variant-outline", "Samples", commands::showSamples),
                new Separator(Orientation.VERTICAL), undo, redo,
                new Separator(Orientation.VERTICAL),
                tool("mdi2c-content-duplicate", "Duplicate (Ctrl+D)", vm::duplicateSelection),
                tool("mdi2d-delete-outline", "Delete (Del)", vm::deleteSelection),
                new Separator(Orientation.VERTICAL),
                tool("mdi2s-sitemap", "Auto-layout (Ctrl+L)", commands::autoLayout),
                tool("mdi2m-magnify-plus-outline", "Zoom in (Ctrl++)", commands::zoomIn),
                tool("mdi2m-magnify-minus-outline", "Zoom out (Ctrl+-)", commands::zoomOut),
                tool("mdi2f-fit-to-page-outline", "Fit to window (Ctrl+9)", canvas::fitToWindow),
                new Separator(Orientation.VERTICAL),
                runButtons(window.runs()),
                new SlowMotionControls(window.slowMotion()),
                spacer, find,
                tool("mdi2t-theme-light-dark", "Light or dark theme", commands::toggleTheme));
        bar.getStyleClass().add("cs-toolbar");
    }

    ToolBar node() {
        return bar;
    }

    /** Edit ▸ Find Operator: the find field takes the keyboard. */
    void focusFind() {
        find.requestFocus();
    }

    private static HBox runButtons(RunActions runs) {
        Button run = tool("mdi2p-play", "Run the job on the embedded engine (F5)", runs::run);
        run.setId("run");
        run.setText("Run");
        run.getStyleClass().remove("button-icon");
        run.getStyleClass().add("success");
        run.disableProperty().bind(runs.runningProperty().or(runs.startingProperty()));
        Button savepoint = tool("mdi2c-camera-outline", "Take a savepoint now (into state.savepoints.dir)", runs::savepoint);
        savepoint.setId("savepoint");
        SplitMenuButton stop = new SplitMenuButton();
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
        for (Control c : List.of(savepoint, stop)) {
            c.disableProperty().bind(runs.savepointableProperty().not());
        }
        cancel.disableProperty().bind(runs.runningProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(runs.startingProperty());
        busy.managedProperty().bind(runs.startingProperty());
        HBox box = new HBox(4, run, busy, savepoint, stop, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Button tool(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
