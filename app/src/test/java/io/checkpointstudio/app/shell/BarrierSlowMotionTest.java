package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.slowmotion.SlowMotionOverlay;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Barrier slow motion as a person uses it: switch it on in the toolbar, run the clicks job (two subtasks
 * per task, a key-by between them, so each keyed subtask has two input channels), and watch barriers
 * travel the edges, a keyed subtask hold a channel back while it aligns, and every acknowledgement reach
 * the coordinator; with unaligned checkpoints and a slow sink, the in-flight data the barriers overtook.
 */
class BarrierSlowMotionTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
    }

    private JobDocument clicks(boolean unaligned, long eventsPerSecond) throws Exception {
        JobDocument doc = JobDocuments.read(Path.of("../sample-jobs/clicks-crash-and-resume.job.json")).document().orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
        config.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString());
        config.put("execution.checkpointing.interval", "400ms");
        config.put("execution.checkpointing.unaligned.enabled", unaligned);
        config.put("execution.checkpointing.tolerable-failed-checkpoints", 100);
        doc = doc.withConfig(config);
        OperatorSpec source = doc.operator("clicks").orElseThrow();
        Map<String, Object> params = new LinkedHashMap<>(source.params());
        params.put("events", 0);
        params.put("eventsPerSecond", eventsPerSecond);
        doc = doc.withOperator(new OperatorSpec(source.id(), source.type(), source.name(), source.parallelism(), params));
        OperatorSpec out = doc.operator("out").orElseThrow();
        Map<String, Object> outParams = new LinkedHashMap<>(out.params());
        outParams.put("path", dir.resolve("out").toString());
        return doc.withOperator(new OperatorSpec(out.id(), out.type(), out.name(), out.parallelism(), outParams));
    }

    private void load(JobDocument job) throws Exception {
        fx(() -> {
            window.viewModel().load(job, null);
            return null;
        });
        await(() -> window.viewModel().problems().stream().noneMatch(p -> p.isError()));
    }

    @Test
    void alignedBarriersTravelTheEdgesBlockChannelsWhileAligningAndEveryAckReachesTheCoordinator(FxRobot robot) throws Exception {
        load(clicks(false, 50_000));
        SlowMotionOverlay overlay = window.slowMotion();
        robot.clickOn("#slow-motion");
        assertThat(fx(() -> overlay.enabledProperty().get())).isTrue();
        robot.clickOn("#run");
        await(() -> snapshot() != null && snapshot().status() == JobStatus.RUNNING);
        assertThat(fx(() -> window.monitor().run().tracingBarriers())).as("slow motion traces the run").isTrue();

        // a barrier on the hash edge: from a source subtask into a keyed subtask
        await(() -> overlay.scene().barrierMarkers().stream().anyMatch(m -> m.contains(" -> per-user#")));
        // a keyed subtask that got one barrier holds that channel back until the other arrives
        await(() -> overlay.scene().blockedIndicators().stream().anyMatch(b -> b.startsWith("per-user#") && b.endsWith("1/2 channels aligned")));
        // all four subtasks (two sources, two keyed) acknowledge a checkpoint at the coordinator marker
        await(() -> overlay.scene().acksAtCoordinator().values().stream().anyMatch(n -> n == 4));
        await(() -> overlay.scene().coordinatorText().contains("4/4 acks, completed ✓"));
        assertThat(fx(() -> overlay.scene().shownCounts())).containsKeys("barrier", "blocked", "snapshot", "ack").doesNotContainKey("in-flight");
        assertThat(fx(() -> robot.lookup("#slow-motion-layer").query().isVisible())).isTrue();

        // switched off: tracing stops and the drawing goes
        robot.clickOn("#slow-motion");
        assertThat(fx(() -> window.monitor().run().tracingBarriers())).isFalse();
        assertThat(fx(() -> overlay.scene().barrierMarkers())).isEmpty();
        assertThat(fx(() -> robot.lookup("#slow-motion-layer").query().isVisible())).isFalse();
        robot.clickOn("#cancel");
        await(() -> snapshot().status() == JobStatus.CANCELED);
    }

    @Test
    void unalignedBarriersOvertakingABackPressuredChannelShowTheInFlightDataTheyCapture(FxRobot robot) throws Exception {
        load(clicks(true, 200_000));
        SlowMotionOverlay overlay = window.slowMotion();
        fx(() -> {
            overlay.sourceDelayMicrosProperty().set(0); // full speed into a slow sink: back-pressure
            return null;
        });
        fx(() -> {
            // the View menu holds the same switch as the toolbar (a click on a check item selects it)
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) gui.stage().getScene().lookup("#menu-bar");
            bar.getMenus().stream().filter(m -> m.getText().equals("View")).flatMap(m -> m.getItems().stream())
                    .filter(i -> "Barrier Slow Motion".equals(i.getText())).map(javafx.scene.control.CheckMenuItem.class::cast)
                    .findFirst().orElseThrow().setSelected(true);
            return null;
        });

        assertThat(fx(() -> overlay.enabledProperty().get())).isTrue();
        robot.clickOn("#run");
        await(() -> snapshot() != null && snapshot().status() == JobStatus.RUNNING);
        LiveRun run = fx(() -> window.monitor().run());
        run.slow("out", 40);

        await(() -> overlay.scene().inFlightBadges().stream().anyMatch(b -> b.contains("pair -> per-user")));
        assertThat(fx(() -> overlay.scene().barrierMarkers()).stream().filter(m -> m.contains("per-user#")).toList())
                .allMatch(m -> m.contains("(unaligned"));
        assertThat(fx(() -> overlay.scene().shownCounts())).doesNotContainKey("blocked");
        robot.clickOn("#slow-motion");
        assertThat(fx(() -> run.tracingBarriers())).isFalse();
        robot.clickOn("#cancel");
        await(() -> snapshot().status() == JobStatus.CANCELED);
    }

    private RunSnapshot snapshot() {
        return window.monitor().snapshot();
    }
}
