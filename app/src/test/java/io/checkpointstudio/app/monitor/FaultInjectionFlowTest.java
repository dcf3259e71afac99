package io.checkpointstudio.app.monitor;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A person fails a subtask from the fault panel and reads the failure, the restart and the restore in the event log. */
class FaultInjectionFlowTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private EngineSession session;
    private MonitorModel model;
    private EventLogView log;
    private FaultPanel faults;
    private final List<String> actions = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void show() throws Exception {
        session = gui.session();
        model = gui.monitor();
        gui.show(() -> {
            log = new EventLogView(model);
            faults = new FaultPanel(model);
            faults.onAction(actions::add);
            return new SplitPane(faults, log);
        }, 1200, 700);
    }

    @Test
    void failNowOnTheSum_isLoggedWithItsStackTrace_andTheJobRestartsOnceFromACheckpoint(FxRobot robot) throws Exception {
        // given: no run yet, so nothing can be injected
        assertThat(robot.lookup("#fault-fail-now").queryButton().isDisabled()).isTrue();

        // when the job runs and has completed a checkpoint
        LiveRun run = session.start(TestJobs.clicks(dir), RunRequest.fresh(), w -> { }).get(30, TimeUnit.SECONDS);
        robot.interact(() -> model.show(run));
        await("a checkpoint completed", () -> log.entries().stream().anyMatch(e -> e.kind() == EventEntry.Kind.CHECKPOINT));
        await("the fault panel is armed", () -> !robot.lookup("#fault-fail-now").queryButton().isDisabled());
        assertThat(fx(() -> robot.lookup("#event-restarts").queryAs(Label.class).getText())).isEqualTo("Restarts: 0");

        // and a person picks the sum operator, subtask 1, and presses "Fail now"
        ComboBox<String> operator = robot.lookup("#fault-operator").queryComboBox();
        assertThat(fx(() -> List.copyOf(operator.getItems()))).contains("clicks", "per-user", "out");
        robot.interact(() -> operator.setValue("per-user"));
        ComboBox<Integer> subtask = robot.lookup("#fault-subtask").queryComboBox();
        assertThat(fx(() -> List.copyOf(subtask.getItems()))).containsExactly(-1, 0, 1);
        robot.interact(() -> subtask.setValue(1));
        Button failNow = robot.lookup("#fault-fail-now").queryButton();
        robot.clickOn(failNow);

        // then the action is written down
        assertThat(actions).containsExactly("Failed subtask 1 of 'per-user' now.");
        assertThat(fx(() -> robot.lookup("#fault-last-action").queryAs(Label.class).getText())).contains("subtask 1 of 'per-user'");
        // and the log shows the failure with its stack trace, the restart and the restore
        await("the failure is logged", () -> log.entries().stream().anyMatch(e -> e.kind() == EventEntry.Kind.FAILURE));
        EventEntry failure = fx(() -> log.entries().stream().filter(e -> e.kind() == EventEntry.Kind.FAILURE).findFirst().orElseThrow());
        assertThat(failure.text()).contains("subtask 1");
        assertThat(failure.details()).contains("\tat ");
        await("the restore is logged", () -> log.entries().stream().anyMatch(e -> e.text().startsWith("Restored checkpoint")));
        assertThat(fx(() -> log.entries().stream().filter(e -> e.text().startsWith("Restarting in 100 ms")).count()))
                .as(fx(() -> log.entries().toString())).isEqualTo(1);
        await("the counter shows one restart", () -> robot.lookup("#event-restarts").queryAs(Label.class).getText().equals("Restarts: 1"));
        await("the job runs again", () -> model.snapshot().status() == JobStatus.RUNNING);

        // and the failures filter keeps failures and recovery only (a checkpoint in flight at the failure fails too);
        // selecting the failure shows its stack trace
        robot.clickOn("#event-filter-failures-and-recovery");
        assertThat(fx(() -> log.shownEntries().stream().map(EventEntry::kind).distinct().toList()))
                .contains(EventEntry.Kind.FAILURE, EventEntry.Kind.RECOVERY)
                .isSubsetOf(EventEntry.Kind.FAILURE, EventEntry.Kind.RECOVERY, EventEntry.Kind.CHECKPOINT_FAILURE);
        javafx.scene.control.TableView<EventEntry> table = robot.lookup("#event-log").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(failure));
        assertThat(fx(() -> robot.lookup("#event-details").queryTextInputControl().getText())).contains("\tat ");
        Screenshots.take(log.getScene(), "fault-panel-and-event-log");
        robot.clickOn("#event-filter-checkpoints");
        assertThat(fx(() -> log.shownEntries().stream().map(EventEntry::kind).distinct().toList()))
                .contains(EventEntry.Kind.CHECKPOINT).isSubsetOf(EventEntry.Kind.CHECKPOINT, EventEntry.Kind.CHECKPOINT_FAILURE);

        // when the operator is slowed with the slider, the value is applied and written down
        robot.interact(() -> robot.lookup("#fault-slow").queryAs(Slider.class).setValue(500));
        assertThat(actions).last().isEqualTo("Slowed 'per-user' to 500 µs per record.");
        assertThat(fx(() -> robot.lookup("#fault-slow-value").queryAs(Label.class).getText())).isEqualTo("500 µs/record");
        robot.interact(() -> robot.lookup("#fault-slow").queryAs(Slider.class).setValue(0));
        assertThat(actions).last().isEqualTo("'per-user' runs at full speed again.");

        // when the next checkpoint is made to fail, the log shows a checkpoint failure
        long checkpointFailures = fx(() -> log.entries().stream().filter(e -> e.kind() == EventEntry.Kind.CHECKPOINT_FAILURE).count());
        robot.clickOn("#fault-fail-checkpoint");
        assertThat(actions).last().isEqualTo("The next checkpoint will fail.");
        await("the checkpoint failure is logged", () ->
                log.entries().stream().filter(e -> e.kind() == EventEntry.Kind.CHECKPOINT_FAILURE).count() > checkpointFailures);

        // when the run ends, the panel turns off
        run.cancel();
        await("the panel is off after the run ended", () -> robot.lookup("#fault-fail-now").queryButton().isDisabled());
    }
}
