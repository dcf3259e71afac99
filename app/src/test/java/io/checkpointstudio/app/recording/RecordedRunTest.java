package io.checkpointstudio.app.recording;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.monitor.CheckpointsView;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run with a failure and its recovery is recorded as it goes; the file, exported and opened again (in a
 * fresh model and in the window), shows the run as it was at any instant: fewer checkpoints in the middle
 * than at the end, the failure and the restore only from their time on.
 */
class RecordedRunTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
    }

    @Test
    void whenARunWithARecoveryIsRecorded_thenItsExportedFileReplaysItAtAnyInstant(FxRobot robot) throws Exception {
        JobDocument base = TestJobs.clicks(dir);
        JobDocument job = base.withOperator(base.operator("clicks").orElseThrow().withParam("events", 500_000L));
        fx(() -> {
            window.viewModel().load(job, null);
            return null;
        });
        await("the job is valid", () -> window.viewModel().problems().stream().noneMatch(p -> p.isError()));
        robot.clickOn("#run");
        await("two checkpoints completed", () -> snapshot() != null && snapshot().checkpoints().counts().completed() >= 2);
        LiveRun run = fx(() -> window.monitor().run());
        run.failNow("per-user", -1);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> fx(() -> snapshot().status() == JobStatus.FINISHED));
        RunRecorder recorder = fx(() -> window.recordings().recorderOf(run).orElseThrow());
        Path recorded = recorder.finished().get(30, TimeUnit.SECONDS);
        assertThat(recorded.getParent()).isEqualTo(window.recordings().folder());
        assertThat(recorded.getFileName().toString()).endsWith("-clicks-crash-and-resume.csrun");
        assertThat(Files.size(recorded)).as("a few seconds of a run stay small").isLessThan(200_000);
        RunSnapshot live = run.snapshot();
        assertThat(live.restarts()).isEqualTo(1);

        // export, then read the exported file as another machine would: nothing but the file
        Path exported = fx(() -> window.recordings().export(dir.resolve("elsewhere").resolve("run.csrun"))).get(30, TimeUnit.SECONDS);
        RunRecording recording = RunRecording.read(exported);
        assertThat(recording.complete()).isTrue();
        assertThat(recording.job()).as("the job document travels with the run").isNotNull();
        assertThat(recording.job().operator("per-user")).isPresent();
        assertThat(recording.events()).as("every event, in order").isEqualTo(live.events());
        assertThat(recording.endStatus()).isEqualTo(JobStatus.FINISHED);

        long failedAt = live.events().stream().filter(e -> e instanceof EngineEvent.TaskFailed).findFirst().orElseThrow().at();
        long restoredAt = live.events().stream().filter(e -> e instanceof EngineEvent.JobRestored).findFirst().orElseThrow().at();
        List<Long> completions = live.events().stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted).map(EngineEvent::at).toList();
        assertThat(completions.size()).isGreaterThanOrEqualTo(3);
        long middle = completions.get(completions.size() / 2) - 1;

        // a fresh model shows the recording
        MonitorModel fresh = fx(() -> new MonitorModel(new EngineSession()));
        RecordedRunPlayer player = new RecordedRunPlayer(recording);
        fx(() -> {
            fresh.show(player);
            return null;
        });
        RunSnapshot end = fx(fresh::snapshot);
        assertThat(end.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(end.checkpoints().counts().completed()).isEqualTo(live.checkpoints().counts().completed());
        assertThat(end.restarts()).isEqualTo(1);
        assertThat(fx(fresh::run)).as("a recording is no live run: nothing to command").isNull();

        RunSnapshot mid = seek(fresh, player, middle);
        assertThat(mid.checkpoints().counts().completed()).as("in the middle, fewer checkpoints than at the end")
                .isLessThan(end.checkpoints().counts().completed()).isPositive();
        assertThat(mid.events()).allMatch(e -> e.at() <= middle);
        RunSnapshot beforeFailure = seek(fresh, player, failedAt - 1);
        assertThat(beforeFailure.events()).noneMatch(e -> e instanceof EngineEvent.TaskFailed);
        assertThat(beforeFailure.restarts()).isZero();
        assertThat(beforeFailure.status()).isEqualTo(JobStatus.RUNNING);
        RunSnapshot afterRestore = seek(fresh, player, restoredAt);
        assertThat(afterRestore.events()).anyMatch(e -> e instanceof EngineEvent.TaskFailed).anyMatch(e -> e instanceof EngineEvent.JobRestored);
        assertThat(afterRestore.restarts()).isEqualTo(1);
        fx(() -> {
            fresh.dispose();
            return null;
        });

        // the window opens it with a scrubber; the commands of a live run are off
        fx(() -> window.recordings().open(exported)).get(30, TimeUnit.SECONDS);
        await("the recording is shown", () -> window.monitor().source() instanceof RecordedRunPlayer);
        await("the scrubber shows", () -> robot.lookup("#recording-scrubber").query().isVisible());
        assertThat(fx(() -> robot.lookup("#cancel").queryButton().isDisabled())).isTrue();
        robot.clickOn("Faults");
        assertThat(fx(() -> robot.lookup("#fault-fail-now").queryButton().isDisabled())).isTrue();
        robot.clickOn("Checkpoints");
        CheckpointsView checkpoints = robot.lookup("#checkpoints-view").query();
        long endCompleted = end.checkpoints().counts().completed();
        await("the end shows every checkpoint", () -> snapshot().checkpoints().counts().completed() == endCompleted);
        RecordedRunPlayer shown = fx(() -> (RecordedRunPlayer) window.monitor().source());
        fx(() -> {
            window.recordings().scrubber().slider().setValue(middle - shown.start());
            return null;
        });
        await("scrubbed to the middle", () -> snapshot().asOf() == middle);
        assertThat(fx(() -> snapshot().checkpoints().counts().completed())).isEqualTo(mid.checkpoints().counts().completed());
        await("the history table shows the checkpoints of that instant",
                () -> checkpoints.history().checkpointIds().equals(snapshot().checkpoints().history().stream().map(c -> c.id()).toList()));
        assertThat(fx(() -> robot.lookup("#recording-time").queryLabeled().getText())).contains(" / ");
    }

    private static RunSnapshot seek(MonitorModel model, RecordedRunPlayer player, long at) throws Exception {
        return fx(() -> {
            player.seek(at);
            model.refresh();
            return model.snapshot();
        });
    }

    private RunSnapshot snapshot() {
        return window.monitor().snapshot();
    }
}
