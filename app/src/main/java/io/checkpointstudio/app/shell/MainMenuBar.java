package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.command.CommandStack;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.recording.Recordings;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window's menus: File, Edit, View, Run and Help, each item calling a part's action or a window command. */
final class MainMenuBar {
    private final MainWindow window;
    private final WindowCommands commands;
    private final BottomTabs tabs;
    private final Runnable focusFind;
    private final Menu recent = new Menu("Open Recent");
    private final MenuBar bar;

    MainMenuBar(MainWindow window, WindowCommands commands, BottomTabs tabs, Runnable focusFind) {
        this.window = window;
        this.commands = commands;
        this.tabs = tabs;
        this.focusFind = focusFind;
        bar = new MenuBar(file(), edit(), view(), run(), help());
        bar.setId("menu-bar");
        fillRecent();
    }

    MenuBar node() {
        return bar;
    }

    /** Lists the recent files again (after an open, a save, or clearing them in the settings). */
    void fillRecent() {
        FileActions files = window.files();
        recent.getItems().clear();
        for (Path p : window.settings().recentFiles()) {
            recent.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, null, () -> files.openRecent(p)));
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private Menu file() {
        FileActions files = window.files();
        Recordings recordings = window.recordings();
        MenuItem attachFlink = item("Attach to Flink Job…", "mdi2l-lan-connect", null, commands::attachFlink);
        attachFlink.setId("attach-flink");
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New", "mdi2f-file-outline", "Shortcut+N", files::newJob),
                item("Open…", "mdi2f-folder-open-outline", "Shortcut+O", files::openWithDialog),
                recent,
                item("Samples…", "mdi2b-book-open-page-variant-outline", null, commands::showSamples));
        file.getItems().addAll(recordings.menuItems()); // recorded runs: open, export, recent runs
        file.getItems().addAll(
                attachFlink,
                new SeparatorMenuItem(),
                item("Save", "mdi2c-content-save-outline", "Shortcut+S", files::save),
                item("Save As…", null, "Shortcut+Shift+S", files::saveAsWithDialog),
                new SeparatorMenuItem(),
                item("Import Flink Configuration…", "mdi2f-file-import-outline", null, files::importConfigWithDialog),
                item("Export Flink Configuration…", "mdi2f-file-export-outline", null, files::exportConfigWithDialog),
                new SeparatorMenuItem(),
                item("Settings…", "mdi2c-cog-outline", "Shortcut+COMMA", commands::showSettings),
                new SeparatorMenuItem(),
                item("Quit", null, "Shortcut+Q", commands::quit));
        return file;
    }

    private Menu edit() {
        DesignerViewModel vm = window.viewModel();
        CommandStack history = vm.commands();
        MenuItem undo = item("Undo", "mdi2u-undo", "Shortcut+Z", vm::undo);
        undo.disableProperty().bind(history.canUndoProperty().not());
        undo.textProperty().bind(Bindings.when(history.canUndoProperty())
                .then(Bindings.concat("Undo ", history.undoDescriptionProperty())).otherwise("Undo"));
        MenuItem redo = item("Redo", "mdi2r-redo", "Shortcut+Shift+Z", vm::redo);
        redo.disableProperty().bind(history.canRedoProperty().not());
        redo.textProperty().bind(Bindings.when(history.canRedoProperty())
                .then(Bindings.concat("Redo ", history.redoDescriptionProperty())).otherwise("Redo"));
        Menu edit = new Menu("Edit");
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Cut", "mdi2c-content-cut", "Shortcut+X", commands::cut),
                item("Copy", "mdi2c-content-copy", "Shortcut+C", commands::copy),
                item("Paste", "mdi2c-content-paste", "Shortcut+V", commands::paste),
                item("Duplicate", "mdi2c-content-duplicate", "Shortcut+D", vm::duplicateSelection),
                item("Delete", "mdi2d-delete-outline", null, vm::deleteSelection),
                new SeparatorMenuItem(),
                item("Select All", null, "Shortcut+A", vm::selectAll),
                item("Find Operator", "mdi2m-magnify", "Shortcut+F", focusFind));
        return edit;
    }

    private Menu view() {
        GraphCanvasView canvas = window.canvas();
        CheckMenuItem slowMotion = new CheckMenuItem("Barrier Slow Motion", new FontIcon("mdi2s-snail"));
        slowMotion.selectedProperty().bindBidirectional(window.slowMotion().enabledProperty());
        slowMotion.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+B"));
        Menu view = new Menu("View");
        view.getItems().addAll(
                item("Zoom In", "mdi2m-magnify-plus-outline", "Shortcut+EQUALS", commands::zoomIn),
                item("Zoom Out", "mdi2m-magnify-minus-outline", "Shortcut+MINUS", commands::zoomOut),
                item("Actual Size", null, "Shortcut+DIGIT0", canvas::resetZoom),
                item("Fit to Window", "mdi2f-fit-to-page-outline", "Shortcut+DIGIT9", canvas::fitToWindow),
                new SeparatorMenuItem(),
                item("Auto-Layout", "mdi2s-sitemap", "Shortcut+L", commands::autoLayout),
                new SeparatorMenuItem(),
                slowMotion,
                item("Toggle Light/Dark Theme", "mdi2t-theme-light-dark", null, commands::toggleTheme));
        return view;
    }

    private Menu run() {
        RunActions runs = window.runs();
        MonitorModel monitor = window.monitor();
        BooleanExpression busy = runs.runningProperty().or(runs.startingProperty());
        MenuItem run = item("Run", "mdi2p-play", "F5", runs::run);
        run.disableProperty().bind(busy);
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
        MenuItem restore = item("Restore…", "mdi2b-backup-restore", "Shortcut+R", tabs::openRestore);
        restore.setId("restore");
        restore.disableProperty().bind(busy);
        MenuItem resume = item("Resume from Latest Checkpoint", "mdi2r-restore", null, runs::resumeLatest);
        resume.setId("resume-latest");
        resume.disableProperty().bind(busy.or(monitor.runProperty().isNull()));
        Menu menu = new Menu("Run");
        menu.setId("run-menu");
        menu.getItems().addAll(run, restore, resume, new SeparatorMenuItem(), savepoint, stop, drain, new SeparatorMenuItem(), cancel, crash,
                new SeparatorMenuItem(), item("Compare Runs…", "mdi2c-compare-horizontal", null, commands::compareRuns));
        return menu;
    }

    private Menu help() {
        Menu help = new Menu("Help");
        help.getItems().addAll(
                item("Welcome", "mdi2h-home-outline", null, commands::showWelcome),
                item("Lessons", "mdi2s-school-outline", null, commands::openGuide),
                item("Keyboard Shortcuts", "mdi2k-keyboard-outline", null, commands::showShortcuts),
                item("About Checkpoint Studio", "mdi2i-information-outline", null, commands::showAbout));
        return help;
    }

    private static MenuItem item(String text, String icon, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
