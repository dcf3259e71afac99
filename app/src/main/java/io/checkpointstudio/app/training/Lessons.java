package io.checkpointstudio.app.training;

import io.checkpointstudio.app.shell.MainWindow;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;

/**
 * The lessons' way into the studio window: {@link #dock} is the (empty) place at the window's right edge the
 * lessons panel opens in; {@link #open} opens it (Help ▸ Lessons, the welcome window's Lessons section).
 */
public final class Lessons {
    public static final String CSS = "/io/checkpointstudio/css/lessons.css";
    static final String SUMMARY_TAB = "lesson-summary-tab";
    private static final Map<MainWindow, StackPane> DOCKS = new WeakHashMap<>();
    private static final Map<MainWindow, LessonsPanel> PANELS = new WeakHashMap<>();
    private static WeakReference<MainWindow> latest = new WeakReference<>(null);

    private Lessons() {
    }

    /** The place the panel opens in; the window puts it at its right edge. Empty (no width) until a lesson opens. */
    public static Node dock(MainWindow window) {
        StackPane dock = new StackPane();
        dock.setId("lessons-dock");
        DOCKS.put(window, dock);
        latest = new WeakReference<>(window);
        return dock;
    }

    /** The window that made the last dock: where the welcome window's Lessons section opens lessons. */
    static Optional<MainWindow> latestWindow() {
        return Optional.ofNullable(latest.get());
    }

    /** Opens the panel at the lesson open last. */
    public static LessonsPanel open(MainWindow window) {
        LessonsPanel panel = panel(window);
        panel.openLast();
        return panel;
    }

    /** Opens the panel at a lesson, at the step it was left at. */
    public static LessonsPanel open(MainWindow window, String lessonId) {
        LessonsPanel panel = panel(window);
        panel.open(lessonId);
        return panel;
    }

    /** The open panel of the window, if any. */
    public static Optional<LessonsPanel> panelOf(MainWindow window) {
        LessonsPanel p = PANELS.get(window);
        return p != null && p.getParent() != null ? Optional.of(p) : Optional.empty();
    }

    private static LessonsPanel panel(MainWindow window) {
        StackPane dock = DOCKS.get(window);
        if (dock == null) {
            throw new IllegalStateException("the window has no lessons dock");
        }
        addStylesheet(dock.getScene());
        LessonsPanel panel = PANELS.get(window);
        if (panel == null) {
            panel = new LessonsPanel(window, new LessonProgress(window.settings().dir()), () -> dock.getChildren().clear());
            PANELS.put(window, panel);
        }
        if (!dock.getChildren().contains(panel)) {
            dock.getChildren().setAll(panel);
        }
        return panel;
    }

    /** Shows the guide's summary table, filled in from the run, as a tab next to the monitor's. */
    static void showSummaryTable(MainWindow window) {
        var tabs = window.bottomTabs();
        Tab tab = tabs.getTabs().stream().filter(t -> SUMMARY_TAB.equals(t.getId())).findFirst().orElseGet(() -> {
            ScrollPane scroll = new ScrollPane(new SummaryTable(window.monitor()));
            Tab t = new Tab("Savepoints vs checkpoints", scroll);
            t.setId(SUMMARY_TAB);
            tabs.getTabs().add(t);
            return t;
        });
        ((SummaryTable) ((ScrollPane) tab.getContent()).getContent()).refresh();
        tabs.getSelectionModel().select(tab);
    }

    static void addStylesheet(Scene scene) {
        java.net.URL url = Lessons.class.getResource(CSS);
        if (scene != null && url != null && !scene.getStylesheets().contains(url.toExternalForm())) {
            scene.getStylesheets().add(url.toExternalForm());
        }
    }
}
