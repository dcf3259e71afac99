package io.checkpointstudio.app.training;

import io.checkpointstudio.app.shell.WelcomeSection;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The welcome window's "Lessons" section: every lesson with its progress; a click opens it in the lessons panel. */
final class LessonsWelcomeSection implements WelcomeSection {
    private final Lessons lessons;

    LessonsWelcomeSection(Lessons lessons) {
        this.lessons = lessons;
    }

    @Override
    public String title() {
        return "Lessons";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Node content(Context context) {
        LessonProgress progress = new LessonProgress(context.settings().dir());
        VBox list = new VBox(2);
        list.setId("welcome-lessons");
        Label intro = new Label("Step-by-step walks through the checkpointing guide: each step opens a job, sets an option, runs it,"
                + " injects a failure and shows where to look.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");
        list.getChildren().add(intro);
        int n = 1;
        for (Lesson l : LessonCatalog.all()) {
            int done = progress.doneCount(l.id());
            Hyperlink link = new Hyperlink(n++ + ". " + l.title() + "  ·  " + done + "/" + l.steps().size()
                    + (done == l.steps().size() ? " ✓" : ""), new FontIcon("mdi2s-school-outline"));
            link.setId("welcome-lesson-" + l.id());
            link.setOnAction(e -> {
                context.close();
                lessons.open(l.id());
            });
            list.getChildren().add(link);
        }
        return list;
    }
}
