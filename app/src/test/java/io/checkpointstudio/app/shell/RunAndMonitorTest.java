package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.designer.NodeView;
import io.checkpointstudio.app.monitor.CheckpointsView;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs a sample from the window as a person would: press Run, watch the canvas turn into the live view
 * and the status bar count checkpoints, then cancel from the toolbar.
 */
class RunAndMonitorTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
    }

    /** The crash-and-resume sample with its folders in the test's directory and a longer, throttled input. */
    private JobDocument sample(long events) throws Exception {
        JobDocument doc = JobDocuments.read(Path.of("../sample-jobs/clicks-crash-and-resume.job.json")).document().orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        config.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString());
        config.put("execution.checkpointing.interval", "300ms");
        doc = doc.withConfig(config);
        OperatorSpec clicks = doc.operator("clicks").orElseThrow();
        Map<String, Object> params = new LinkedHashMap<>(clicks.params());
        params.put("events", events);
        params.put("eventsPerSecond", 100_000);
        doc = doc.withOperator(new OperatorSpec(clicks.id(), clicks.type(), clicks.name(), clicks.parallelism(), params));
        OperatorSpec out = doc.operator("out").orElseThrow();
        Map<String, Object> outParams = new LinkedHashMap<>(out.params());
        outParams.put("path", dir.resolve("out").toString());
        return doc.withOperator(new OperatorSpec(out.id(), out.type(), out.name(), out.parallelism(), outParams));
    }

    @Test
    void whenAPersonRunsASample_thenTheCanvasShowsLiveRatesAndTheStatusBarCountsCheckpoints_untilCancelled(FxRobot robot) throws Exception {
        JobDocument job = sample(5_000_000);
        fx(() -> {
            window.viewModel().load(job, null);
            return null;
        });
        await(() -> window.viewModel().problems().stream().noneMatch(p -> p.isError()));

        robot.clickOn("#run");
        await(() -> snapshot() != null && snapshot().status() == JobStatus.RUNNING && snapshot().checkpoints().counts().completed() >= 2);

        CheckpointsView checkpoints = robot.lookup("#checkpoints-view").query();
        await(() -> checkpoints.history().checkpointIds().size() >= 2 && checkpoints.timeline().drawnBars().size() >= 2);
        // the views show exactly the checkpoints of the engine's statistics in the snapshot they were given
        await(() -> checkpoints.history().checkpointIds().equals(snapshot().checkpoints().history().stream().map(c -> c.id()).toList()));
        await(() -> checkpoints.timeline().drawnBars().stream().map(b -> b.id()).toList()
                .containsAll(snapshot().checkpoints().history().stream().map(c -> c.id()).toList()));
        assertThat(fx(() -> ((Label) robot.lookup("#status-run").query()).getText()))
                .startsWith("RUNNING · clicks-crash-and-resume").contains("completed").contains("edits apply to the next run");
        await(() -> ((NodeView) robot.lookup("#node-per-user").query()).liveText().startsWith("in "));
        assertThat(fx(() -> ((NodeView) robot.lookup("#node-by-user").query()).liveText())).as("key-by shows the hash edge").startsWith("hash ");
        assertThat(fx(() -> robot.lookup("#run").queryButton().isDisabled())).as("Run is disabled while the job runs").isTrue();
        assertThat(fx(() -> robot.lookup("#cancel").queryButton().isDisabled())).isFalse();

        robot.clickOn("#cancel");
        await(() -> snapshot().status() == JobStatus.CANCELED);
        await(() -> ((Label) robot.lookup("#status-run").query()).getText().startsWith("CANCELED"));
        assertThat(fx(() -> ((NodeView) robot.lookup("#node-per-user").query()).liveText())).as("figures go with the run").isEmpty();
        assertThat(fx(() -> robot.lookup("#run").queryButton().isDisabled())).isFalse();
        assertThat(fx(() -> String.join("\n", window.viewModel().console()))).contains("CANCELED after");
    }

    @Test
    void whenTheJobCrashesAsIfItsProcessDied_thenResumeFromTheLatestCheckpointGivesExactCounts(FxRobot robot) throws Exception {
        long events = 1_000_000;
        JobDocument job = sample(events);
        runFromTheWindow(robot, job);

        robot.clickOn("#run-menu").clickOn("Crash (as if the process died)");
        await(() -> snapshot().status() == JobStatus.FAILED);
        String crashedJob = fx(() -> snapshot().jobId());

        robot.clickOn("#run-menu").clickOn("Resume from Latest Checkpoint");
        await(() -> !snapshot().jobId().equals(crashedJob));
        assertThat(fx(() -> snapshot().restoredFrom())).as("resumed from the crashed run's newest checkpoint")
                .contains(crashedJob).contains("chk-");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> snapshot().status() == JobStatus.FINISHED));

        Map<String, Object> clicks = job.operator("clicks").orElseThrow().params();
        long[] expected = ClicksOracle.countsPerUser(events, ((Number) clicks.get("users")).intValue(), ((Number) clicks.get("seed")).longValue());
        assertExactCounts(dir.resolve("out"), expected);
    }

    @Test
    void whenAPersonInjectsAFailureFromTheFaultsTab_thenTheTimelineMarksTheRestore_andTheCountsStayExact(FxRobot robot) throws Exception {
        long events = 1_000_000;
        JobDocument job = sample(events).withConfigValue("restart-strategy.type", "fixed-delay")
                .withConfigValue("restart-strategy.fixed-delay.delay", "100ms");
        runFromTheWindow(robot, job);

        robot.clickOn("Faults");
        await(() -> !robot.lookup("#fault-fail-now").queryButton().isDisabled());
        fx(() -> {
            ComboBox<String> operator = robot.lookup("#fault-operator").queryComboBox();
            operator.getSelectionModel().select("per-user");
            return null;
        });
        robot.clickOn("#fault-fail-now");

        await(() -> snapshot().restarts() == 1 && snapshot().checkpoints().latestRestored() != null);
        robot.clickOn("Events");
        await(() -> ((Label) robot.lookup("#event-restarts").query()).getText().contains("1"));
        robot.clickOn("Checkpoints");
        CheckpointsView checkpoints = robot.lookup("#checkpoints-view").query();
        long restoredId = fx(() -> snapshot().checkpoints().latestRestored().id());
        await(() -> checkpoints.timeline().drawnRecoveries().stream().anyMatch(r -> r.recovered() && r.checkpointId() == restoredId));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> snapshot().status() == JobStatus.FINISHED));
        Map<String, Object> clicks = job.operator("clicks").orElseThrow().params();
        long[] expected = ClicksOracle.countsPerUser(events, ((Number) clicks.get("users")).intValue(), ((Number) clicks.get("seed")).longValue());
        assertExactCounts(dir.resolve("out"), expected);
    }

    /** Every logged-in click is one line (none lost, none twice), and each user's highest running count is its total. */
    private static void assertExactCounts(Path output, long[] expected) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, Long> highest = new HashMap<>();
        long lines = 0;
        try (Stream<Path> files = Files.list(output)) {
            for (Path part : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonNode record = json.readTree(line);
                    highest.merge(record.get("userId").longValue(), record.get("clicks").longValue(), Math::max);
                    lines++;
                }
            }
        }
        Map<Long, Long> want = new HashMap<>();
        long loggedIn = 0;
        for (int u = 0; u < expected.length; u++) {
            if (expected[u] > 0) {
                want.put((long) u, expected[u]);
            }
            loggedIn += expected[u];
        }
        assertThat(highest).isEqualTo(want);
        assertThat(lines).as("one line per logged-in click: nothing lost, nothing written twice").isEqualTo(loggedIn);
    }

    /** Loads the job into the designer, presses Run and waits for two completed checkpoints. */
    private void runFromTheWindow(FxRobot robot, JobDocument job) throws Exception {
        fx(() -> {
            window.viewModel().load(job, null);
            return null;
        });
        await(() -> window.viewModel().problems().stream().noneMatch(p -> p.isError()));
        robot.clickOn("#run");
        await(() -> snapshot() != null && snapshot().checkpoints().counts().completed() >= 2);
    }

    private RunSnapshot snapshot() {
        return window.monitor().snapshot();
    }
}
