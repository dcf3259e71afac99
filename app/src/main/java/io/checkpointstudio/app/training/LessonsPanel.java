package io.checkpointstudio.app.training;

import io.checkpointstudio.app.properties.MarkdownView;
import io.checkpointstudio.app.shell.MainWindow;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lessons side panel: pick a lesson (each shows its done steps), read a step, press "Do it" to let the
 * studio perform the step's actions (open the job, set the option, run, inject the failure, point at the
 * part of the window to look at), and go Back and Next. Progress is saved in {@link LessonProgress}.
 */
public final class LessonsPanel extends VBox {
    static final double WIDTH = 360;
    private final LessonRunner runner;
    private final LessonProgress progress;
    private final ComboBox<Lesson> choice = new ComboBox<>();
    private final Label summary = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label count = new Label();
    private final Label stepTitle = new Label();
    private final MarkdownView text = new MarkdownView();
    private final Label actions = new Label();
    private final Label status = new Label();
    private final Button back = new Button("Back", new FontIcon("mdi2c-chevron-left"));
    private final Button doIt = new Button("Do it", new FontIcon("mdi2p-play-circle-outline"));
    private final Button next = new Button("Next", new FontIcon("mdi2c-chevron-right"));
    private Lesson lesson;
    private int step;
    private boolean working;

    LessonsPanel(MainWindow window, Runnable showSummaryTable, LessonProgress progress, Runnable close) {
        this.progress = progress;
        this.runner = new LessonRunner(window);
        runner.onShow(view -> showSummaryTable.run());
        setId("lessons-panel");
        getStyleClass().add("cs-lessons-panel");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);

        Label heading = new Label("Lessons", new FontIcon("mdi2s-school-outline"));
        heading.getStyleClass().add("title-3");
        Button closeButton = new Button(null, new FontIcon("mdi2c-close"));
        closeButton.setId("lessons-close");
        closeButton.getStyleClass().addAll("flat", "button-icon");
        closeButton.setTooltip(new Tooltip("Close the lessons (your progress is kept)"));
        closeButton.setOnAction(e -> {
            runner.stop();
            close.run();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, heading, spacer, closeButton);
        top.setAlignment(Pos.CENTER_LEFT);

        choice.setId("lesson-choice");
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.getItems().setAll(LessonCatalog.all());
        choice.setCellFactory(l -> new LessonCell());
        choice.setButtonCell(new LessonCell());
        choice.valueProperty().addListener((o, was, now) -> {
            if (now != null && now != lesson) {
                showLesson(now, Math.min(progress.position(now.id()), now.steps().size() - 1));
            }
        });
        summary.setWrapText(true);
        summary.getStyleClass().add("text-muted");
        summary.setId("lesson-summary");
        bar.setId("lesson-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        count.setId("lesson-step-count");
        count.getStyleClass().add("text-small");
        stepTitle.setId("lesson-step-title");
        stepTitle.getStyleClass().add("cs-lesson-step-title");
        stepTitle.setWrapText(true);
        text.setId("lesson-step-text");
        text.getStyleClass().add("cs-lesson-step-text");
        text.setPrefWidth(WIDTH - 40);
        ScrollPane scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        actions.setId("lesson-actions");
        actions.getStyleClass().add("cs-lesson-actions");
        actions.setWrapText(true);
        status.setId("lesson-status");
        status.getStyleClass().add("cs-lesson-status");
        status.setWrapText(true);

        back.setId("lesson-back");
        doIt.setId("lesson-do");
        doIt.getStyleClass().add("accent");
        next.setId("lesson-next");
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        back.setOnAction(e -> move(-1));
        next.setOnAction(e -> move(+1));
        doIt.setOnAction(e -> doIt());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, gap, doIt, next);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(top, choice, summary, bar, count, stepTitle, scroll, actions, status, buttons);
    }

    /** Opens a lesson at the step it was left at. */
    public void open(String lessonId) {
        LessonCatalog.find(lessonId).ifPresent(l -> {
            choice.setValue(l);
            showLesson(l, Math.min(progress.position(l.id()), l.steps().size() - 1));
        });
    }

    /** Opens the lesson open last (or the first one). */
    void openLast() {
        String last = progress.lastLesson();
        open(last != null && LessonCatalog.find(last).isPresent() ? last : LessonCatalog.all().get(0).id());
    }

    public LessonRunner runner() {
        return runner;
    }

    public Lesson lesson() {
        return lesson;
    }

    public int step() {
        return step;
    }

    private void showLesson(Lesson l, int at) {
        runner.stop();
        working = false;
        lesson = l;
        summary.setText(l.summary());
        showStep(at);
    }

    private void move(int delta) {
        if (lesson.steps().get(step).actions().isEmpty() && delta > 0) {
            progress.markDone(lesson.id(), step); // a step to read is done once read
        }
        int to = step + delta;
        if (to >= lesson.steps().size()) {
            status.setText("Lesson complete: " + progress.doneCount(lesson.id()) + " of " + lesson.steps().size() + " steps done.");
            refreshProgress();
            return;
        }
        runner.stop();
        working = false;
        showStep(Math.max(0, to));
    }

    private void showStep(int at) {
        step = at;
        progress.setPosition(lesson.id(), step);
        Lesson.Step s = lesson.steps().get(step);
        stepTitle.setText(s.title());
        text.setMarkdown(s.markdown());
        actions.setText(s.actions().isEmpty() ? "Nothing to do here: read, then Next."
                : "Do it will " + s.actions().stream().map(LessonAction::describe).collect(Collectors.joining(", ")) + ".");
        status.setText(progress.isDone(lesson.id(), step) ? "Done before." : "");
        status.getStyleClass().removeAll("error", "done");
        refreshProgress();
    }

    private void refreshProgress() {
        int n = lesson.steps().size();
        int done = progress.doneCount(lesson.id());
        bar.setProgress(done / (double) n);
        count.setText("Step " + (step + 1) + " of " + n + " · " + done + " done");
        back.setDisable(step == 0 || working);
        doIt.setDisable(lesson.steps().get(step).actions().isEmpty() || working);
        next.setText(step == n - 1 ? "Finish" : "Next");
        // The combo box's cells show each lesson's progress: redraw them.
        List<Lesson> items = List.copyOf(choice.getItems());
        Lesson selected = choice.getValue();
        choice.getItems().setAll(items);
        choice.setValue(selected);
    }

    private void doIt() {
        Lesson.Step s = lesson.steps().get(step);
        Lesson l = lesson;
        int at = step;
        working = true;
        status.getStyleClass().removeAll("error", "done");
        status.setText("Working: " + s.actions().stream().map(LessonAction::describe).collect(Collectors.joining(", ")) + " …");
        refreshProgress();
        runner.perform(s.actions()).whenComplete((v, e) -> Platform.runLater(() -> {
            if (l != lesson || at != step) {
                return; // moved on meanwhile
            }
            working = false;
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                status.setText("Could not finish: " + cause.getMessage());
                status.getStyleClass().add("error");
            } else {
                progress.markDone(l.id(), at);
                status.setText("Done. " + (s.pointsAt().isEmpty() ? "" : "Look at the highlighted part of the window."));
                status.getStyleClass().add("done");
            }
            refreshProgress();
        }));
    }

    /** A lesson in the chooser: its title and how many of its steps are done. */
    private final class LessonCell extends ListCell<Lesson> {
        @Override
        protected void updateItem(Lesson l, boolean empty) {
            super.updateItem(l, empty);
            if (empty || l == null) {
                setText(null);
                return;
            }
            int done = progress.doneCount(l.id());
            setText((LessonCatalog.all().indexOf(l) + 1) + ". " + l.title() + "   " + done + "/" + l.steps().size()
                    + (done == l.steps().size() ? " ✓" : ""));
        }
    }
}
