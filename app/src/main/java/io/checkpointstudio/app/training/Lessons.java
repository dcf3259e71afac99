package io.checkpointstudio.app.training;

import io.checkpointstudio.app.shell.Guide;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.WelcomeSection;
import java.net.URL;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/**
 * The lessons of one studio window, as the {@link Guide} docked at its right edge: Help ▸ Lessons and the
 * welcome window's Lessons section open the lessons panel in {@link #dock}, at the lesson open last or at a
 * chosen one. The application makes one per window when it builds the window.
 */
public final class Lessons implements Guide {
    public static final String CSS = "/io/checkpointstudio/css/lessons.css";
    static final String SUMMARY_TAB = "lesson-summary-tab";
    private final MainWindow window;
    private final StackPane dock = new StackPane();
    private LessonsPanel panel;

    public Lessons(MainWindow window) {
        this.window = window;
        dock.setId("lessons-dock");
    }

    /** The place the panel opens in; empty (no width) until a lesson opens. */
    @Override
    public Node dock() {
        return dock;
    }

    /** Opens the panel at the lesson open last. */
    @Override
    public void open() {
        panel().openLast();
    }

    /** Opens the panel at a lesson, at the step it was left at. */
    public LessonsPanel open(String lessonId) {
        LessonsPanel p = panel();
        p.open(lessonId);
        return p;
    }

    @Override
    public WelcomeSection welcomeSection() {
        return new LessonsWelcomeSection(this);
    }

    private LessonsPanel panel() {
        addStylesheet(dock.getScene());
        if (panel == null) {
            panel = new LessonsPanel(window, this::showSummaryTable, new LessonProgress(window.settings().dir()), () -> dock.getChildren().clear());
        }
        if (!dock.getChildren().contains(panel)) {
            dock.getChildren().setAll(panel);
        }
        return panel;
    }

    /** Shows the guide's summary table, filled in from the run, as a tab next to the monitor's. */
    void showSummaryTable() {
        TabPane tabs = window.bottomTabs();
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
        URL url = Lessons.class.getResource(CSS);
        if (scene != null && url != null && !scene.getStylesheets().contains(url.toExternalForm())) {
            scene.getStylesheets().add(url.toExternalForm());
        }
    }
}
