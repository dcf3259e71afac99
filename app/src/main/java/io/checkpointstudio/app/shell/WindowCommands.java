package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.compare.CompareWindow;
import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.ProblemLocation;
import io.checkpointstudio.app.flink.AttachFlinkDialog;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.properties.PropertiesView;
import io.checkpointstudio.app.properties.PropertyItem;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/**
 * The window's commands that are not one part's own: the clipboard, finding an operator, revealing a problem,
 * the layout and zoom gestures, the theme, the dialogs and windows the menus open. The menus and the toolbar
 * call these, and the parts' own actions ({@link FileActions}, {@link RunActions}, the view model) directly.
 */
final class WindowCommands {
    static final double ZOOM_STEP = 1.2;

    private final Stage stage;
    private final DesignerViewModel vm;
    private final Settings settings;
    private final FileActions files;
    private final MonitorModel monitor;
    private final GraphCanvasView canvas;
    private final PropertiesView properties;
    private final Guide guide;
    private boolean dark;
    private CompareWindow lastCompare;

    WindowCommands(Stage stage, DesignerViewModel vm, Settings settings, FileActions files, MonitorModel monitor,
                   GraphCanvasView canvas, PropertiesView properties, Guide guide) {
        this.stage = stage;
        this.vm = vm;
        this.settings = settings;
        this.files = files;
        this.monitor = monitor;
        this.canvas = canvas;
        this.properties = properties;
        this.guide = guide;
        this.dark = settings.darkTheme();
    }

    // ---- edit

    void copy() {
        String json = vm.copySelection();
        if (json != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(json);
            Clipboard.getSystemClipboard().setContent(c);
            vm.log("Copied " + vm.selection().size() + " operators");
        }
    }

    void cut() {
        copy();
        vm.deleteSelection();
    }

    void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (!vm.paste(text, "Paste")) {
            vm.log("The clipboard holds no job-document JSON with operators");
        }
    }

    /** Selects and centres the first operator whose id, name or type contains {@code query}. */
    void findOperator(String query) {
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

    /** Shows where a problem is: selects its operator and focuses its field, or the option in the job's panel. */
    void reveal(Problem p) {
        JobDocument doc = vm.validatedDocumentProperty().get() == null ? vm.document() : vm.validatedDocumentProperty().get();
        ProblemLocation loc = ProblemLocation.of(p, doc);
        if (loc.operatorId() != null && vm.document().indexOf(loc.operatorId()) >= 0) {
            vm.select(Set.of(loc.operatorId()));
            canvas.centerOn(loc.operatorId());
            if (loc.param() != null) {
                Platform.runLater(() -> focusProperty("#prop-" + PropertyItem.idFor(loc.param())));
            }
        } else if (loc.configKey() != null) {
            vm.clearSelection();
            Platform.runLater(() -> focusProperty("#prop-" + PropertyItem.idFor(loc.configKey())));
        }
    }

    private void focusProperty(String selector) {
        Node n = properties.lookup(selector);
        if (n != null) {
            n.requestFocus();
        }
    }

    // ---- view

    void autoLayout() {
        vm.autoLayout();
        Platform.runLater(canvas::fitToWindow);
    }

    void zoomIn() {
        canvas.zoomBy(ZOOM_STEP);
    }

    void zoomOut() {
        canvas.zoomBy(1 / ZOOM_STEP);
    }

    boolean dark() {
        return dark;
    }

    void toggleTheme() {
        setTheme(!dark);
    }

    void setTheme(boolean dark) {
        this.dark = dark;
        settings.setDarkTheme(dark);
        Theme.apply(stage.getScene(), dark);
    }

    // ---- windows and dialogs

    void quit() {
        if (files.confirmDiscard()) {
            stage.hide();
        }
    }

    void showSettings() {
        SettingsDialog.show(stage, settings, this::setTheme, files::recentFilesChanged);
    }

    void showSamples() {
        SampleGalleryView.show(stage, p -> {
            if (files.confirmDiscard()) {
                files.open(p);
            }
        });
    }

    /** Help ▸ Welcome, and the first start. */
    Stage showWelcome() {
        return WelcomeView.show(stage, settings, files, canvas::fitToWindow, List.of(guide.welcomeSection()));
    }

    void openGuide() {
        guide.open();
    }

    void showAbout() {
        AboutDialog.show(stage, settings.logDir());
    }

    void attachFlink() {
        new AttachFlinkDialog(stage).showAndAttach(monitor, vm::log);
    }

    /** Run ▸ Compare Runs…: the current job twice, side by side (a window of its own). */
    CompareWindow compareRuns() {
        lastCompare = CompareWindow.show(stage, vm::document,
                () -> new EngineSession.Folders(settings.defaultCheckpointDir(), settings.defaultSavepointDir()),
                settings.dir().resolve("compare"));
        return lastCompare;
    }

    /** The compare window opened last, or null. */
    CompareWindow lastCompareWindow() {
        return lastCompare;
    }

    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
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
}
