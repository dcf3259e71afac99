package io.checkpointstudio.app.training;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.monitor.Screenshots;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first lesson, "What a checkpoint is", from its first step to its last in the real window, pressing
 * "Do it" and "Next" as a person would, and checking each step's effect: the job opened and its parameter
 * set (undoably), the run started, checkpoints completed, the failure injected and the restore seen, the
 * tabs and regions pointed at. Then a new window with the same settings folder shows the progress kept.
 */
class LessonFlowTest {
    private static final String LESSON = "what-is-a-checkpoint";
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private MainWindow window;

    @TempDir
    Path settings;

    private void openWindow(Stage on) throws Exception {
        window = gui.openStudio(on, settings);
    }

    @Test
    void whatIsACheckpoint_fromStartToEnd_andTheProgressSurvivesANewWindow(FxRobot robot) throws Exception {
        openWindow(gui.stage());
        robot.clickOn("Help").clickOn("Lessons");
        await(() -> robot.lookup("#lessons-panel").tryQuery().isPresent());
        fx(() -> {
            ComboBox<Lesson> choice = robot.lookup("#lesson-choice").query();
            choice.setValue(LessonCatalog.find(LESSON).orElseThrow());
            return null;
        });
        assertThat(text(robot, "#lesson-step-title")).isEqualTo("The essay analogy");
        assertThat(text(robot, "#lesson-step-count")).isEqualTo("Step 1 of 5 · 0 done");

        // 1: open the guide's job (a copy), slow its generator, point at the canvas
        doIt(robot);
        assertThat(fx(() -> window.viewModel().document().name())).isEqualTo("clicks-crash-and-resume");
        assertThat(fx(() -> window.viewModel().fileProperty().get())).as("a lesson works on a copy, not the sample file").isNull();
        assertThat(fx(() -> window.viewModel().document().operator("clicks").orElseThrow().params().get("eventsPerSecond"))).isEqualTo(20000);
        assertThat(fx(() -> window.viewModel().document().operator("out").orElseThrow().params().get("path")))
                .isEqualTo(settings.resolve("lesson-output").resolve("clicks-crash-and-resume").resolve("out").toString());
        assertThat(fx(() -> window.viewModel().commands().canUndoProperty().get())).as("the lesson's edit is undoable").isTrue();
        assertThat(fx(() -> robot.lookup("#canvas").query().getPseudoClassStates())).contains(LessonRunner.POINTED);
        assertThat(text(robot, "#lesson-step-count")).isEqualTo("Step 1 of 5 · 1 done");

        // 2: where the state lives: the property panel
        robot.clickOn("#lesson-next");
        assertThat(text(robot, "#lesson-step-title")).isEqualTo("Where the state lives");
        doIt(robot);
        assertThat(fx(() -> robot.lookup("#properties").query().getPseudoClassStates())).contains(LessonRunner.POINTED);

        // 3: run, two checkpoints, the Checkpoints tab
        robot.clickOn("#lesson-next");
        doIt(robot);
        RunSnapshot running = fx(() -> window.monitor().snapshot());
        assertThat(running.running()).isTrue();
        assertThat(LessonRunner.count("checkpoints", running)).isGreaterThanOrEqualTo(2);
        assertThat(running.settings().directory()).as("checkpoints go to the studio's folder").startsWith(settings);
        assertThat(selectedTab()).isEqualTo("checkpoints-tab");
        assertThat(fx(() -> tab("checkpoints-tab").getStyleClass())).contains(LessonRunner.POINTER);

        // 4: fail the keyed task; the job restores from its latest checkpoint
        robot.clickOn("#lesson-next");
        doIt(robot);
        Screenshots.take(gui.stage().getScene(), "lessons");
        RunSnapshot restored = fx(() -> window.monitor().snapshot());
        assertThat(restored.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(restored.events()).anyMatch(e -> e instanceof EngineEvent.TaskFailed f && f.task().contains("per-user") || e instanceof EngineEvent.TaskFailed);
        await(() -> window.monitor().snapshot().events().stream().anyMatch(e -> e instanceof EngineEvent.JobRestored));
        assertThat(selectedTab()).isEqualTo("events-tab");

        // 5: it goes on checkpointing after the restore
        robot.clickOn("#lesson-next");
        doIt(robot);
        assertThat(fx(() -> robot.lookup("#status-run").query().getPseudoClassStates())).contains(LessonRunner.POINTED);
        assertThat(text(robot, "#lesson-step-count")).isEqualTo("Step 5 of 5 · 5 done");
        robot.clickOn("#lesson-next"); // Finish
        assertThat(text(robot, "#lesson-status")).startsWith("Lesson complete: 5 of 5");
        assertThat(Files.readString(settings.resolve("lessons.properties"))).contains(LESSON + ".done=0,1,2,3,4");
        robot.clickOn("#cancel");
        await(() -> !window.monitor().snapshot().running());

        // A new window with the same settings folder: the lesson is done, and opens at the step it was left at.
        fx(() -> {
            gui.stage().hide();
            return null;
        });
        window = null;
        Stage again = fx(Stage::new);
        openWindow(again);
        robot.clickOn("Help").clickOn("Lessons");
        await(() -> robot.lookup("#lessons-panel").tryQuery().isPresent());
        assertThat(text(robot, "#lesson-step-title")).isEqualTo("After the restore");
        assertThat(text(robot, "#lesson-step-count")).isEqualTo("Step 5 of 5 · 5 done");
        assertThat(fx(() -> ((ComboBox<?>) robot.lookup("#lesson-choice").query()).getButtonCell().getText())).contains("5/5 ✓");
        fx(() -> {
            again.hide();
            return null;
        });
    }

    @Test
    void theWelcomeWindowsLessonsSection_opensALessonInTheWindowThatShowedIt(FxRobot robot) throws Exception {
        // the first start: the welcome window opens over the studio window, with the lessons listed
        window = gui.startStudio(settings, List.of());
        await(() -> robot.lookup("#welcome-lessons").tryQuery().isPresent());
        Hyperlink link = robot.lookup("#welcome-lesson-" + LESSON).query();
        assertThat(fx(link::getText)).startsWith("1. ").endsWith("0/5");

        fx(() -> {
            link.fire();
            return null;
        });

        // the welcome closes and this window's lessons panel shows the lesson's first step
        await(() -> robot.lookup("#welcome").tryQuery().isEmpty());
        await(() -> gui.stage().getScene().lookup("#lessons-panel") != null);
        assertThat(text(robot, "#lesson-step-title")).isEqualTo("The essay analogy");
    }

    @Test
    void theSampleGallery_showsWhatToWatchOnEveryCard(FxRobot robot) throws Exception {
        openWindow(gui.stage());
        robot.clickOn("File").clickOn("Samples…");
        await(() -> robot.lookup("#sample-watch-exactly-once-vs-at-least-once").tryQuery().isPresent());
        assertThat(robot.lookup(n -> n.getId() != null && n.getId().startsWith("sample-watch-")).queryAll()).hasSizeGreaterThanOrEqualTo(9);
        Node card = robot.lookup("#sample-exactly-once-vs-at-least-once").query();
        assertThat(fx(() -> ((javafx.scene.Parent) card).lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList()))
                .contains("What to watch").anyMatch(t -> t.contains("fail per-user now"));
        Screenshots.take(card.getScene(), "samples");
        fx(() -> {
            card.getScene().getWindow().hide();
            return null;
        });
    }

    private void doIt(FxRobot robot) throws Exception {
        robot.clickOn("#lesson-do");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            String s = text(robot, "#lesson-status");
            if (s.startsWith("Could not")) {
                throw new AssertionError(s);
            }
            return s.startsWith("Done");
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String selectedTab() throws Exception {
        return fx(() -> window.bottomTabs().getSelectionModel().getSelectedItem().getId());
    }

    private Tab tab(String id) {
        return window.bottomTabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return fx(() -> ((Label) robot.lookup(query).<Node>query()).getText());
    }
}
