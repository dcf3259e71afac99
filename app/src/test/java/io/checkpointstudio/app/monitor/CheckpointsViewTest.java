package io.checkpointstudio.app.monitor;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs the crash-and-resume sample for a few seconds with a checkpoint every 200 ms, shows it in the
 * checkpoints page and the charts, fails a subtask, and checks what a person would read: bars and rows for
 * the engine's checkpoints, the slowest subtask of a clicked checkpoint, the restore on the timeline and
 * the engine's counts in the summary.
 */
class CheckpointsViewTest {
    private static final long WAIT_SECONDS = 60;

    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private EngineSession session;
    private MonitorModel model;
    private CheckpointsView checkpoints;
    private ChartsView charts;

    @TempDir
    Path dir;

    @BeforeEach
    void show() throws Exception {
        session = gui.session();
        model = gui.monitor();
        gui.show(() -> {
            checkpoints = new CheckpointsView(model);
            charts = new ChartsView(model);
            SplitPane split = new SplitPane(checkpoints, charts);
            split.setOrientation(Orientation.VERTICAL);
            return split;
        }, 1240, 780);
    }

    @Test
    void aRunsCheckpointsRestoreAndCountsShowAsTheEngineReportsThem(FxRobot robot) throws Exception {
        // before any run: a hint, no chart
        assertThat(robot.lookup("#checkpoints-empty").query().isVisible()).isTrue();
        assertThat(robot.lookup("#charts-empty").query().isVisible()).isTrue();

        LiveRun run = session.start(job(), RunRequest.fresh(), w -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        fx(() -> {
            model.show(run);
            return null;
        });
        assertThat(robot.lookup("#checkpoints-empty").query().isVisible()).isFalse();

        // checkpoints appear in the timeline and the history, with the engine's ids
        await(() -> completed(model.snapshot().checkpoints()) >= 3 && checkpoints.history().checkpointIds().size() >= 3);
        fx(() -> {
            List<Long> engineIds = model.snapshot().checkpoints().history().stream().map(CheckpointStats::id).toList();
            assertThat(checkpoints.history().checkpointIds()).containsExactlyElementsOf(engineIds);
            assertThat(checkpoints.timeline().items().bars()).extracting(TimelineItems.Bar::id).containsExactlyInAnyOrderElementsOf(engineIds);
            assertThat(checkpoints.timeline().drawnBars()).isNotEmpty();
            return null;
        });

        // when a subtask fails, the timeline shows the failure and the restore of a completed checkpoint
        run.failNow("per-user", 0);
        await(() -> checkpoints.timeline().drawnRecoveries().stream().anyMatch(TimelineItems.RecoveryBand::recovered));
        fx(() -> {
            TimelineItems.RecoveryBand band = checkpoints.timeline().drawnRecoveries().stream()
                    .filter(TimelineItems.RecoveryBand::recovered).findFirst().orElseThrow();
            CheckpointStatsSnapshot engine = model.snapshot().checkpoints();
            assertThat(band.checkpointId()).isPositive();
            assertThat(engine.history()).anyMatch(c -> c.id() == band.checkpointId() && c.status() == CheckpointStatus.COMPLETED);
            assertThat(band.failedTask()).contains("per-user");
            assertThat(band.restoredAt()).isGreaterThan(band.failedAt());
            return null;
        });

        // once the job finished, the summary shows the engine's counts
        assertThat(run.result().get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.FINISHED);
        await(() -> !model.snapshot().running() && model.snapshot() == run.snapshot());
        CheckpointStatsSnapshot.Counts counts = run.snapshot().checkpoints().counts();
        fx(() -> {
            CheckpointSummaryView summary = checkpoints.summary();
            assertThat(summary.count("triggered")).isEqualTo(String.valueOf(counts.total()));
            assertThat(summary.count("completed")).isEqualTo(String.valueOf(counts.completed()));
            assertThat(summary.count("failed")).isEqualTo(String.valueOf(counts.failed()));
            assertThat(summary.count("in progress")).isEqualTo(String.valueOf(counts.inProgress()));
            assertThat(summary.count("restored")).isEqualTo(String.valueOf(counts.restored())).isNotEqualTo("0");
            assertThat(checkpoints.history().checkpointIds()).hasSize(run.snapshot().checkpoints().history().size());
            return null;
        });

        // clicking a completed checkpoint's row shows its subtasks, the slowest one marked
        TableRow<?> row = fx(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof CheckpointHistoryTable.Row h && h.stats().status() == CheckpointStatus.COMPLETED)
                .findFirst().orElseThrow());
        long clicked = ((CheckpointHistoryTable.Row) row.getItem()).id();
        robot.clickOn(row);
        await(() -> Objects.equals(checkpoints.details().shownCheckpointId(), clicked));
        CheckpointStats engineCheckpoint = run.snapshot().checkpoints().history().stream().filter(c -> c.id() == clicked).findFirst().orElseThrow();
        fx(() -> {
            assertThat(checkpoints.selectedCheckpointIdProperty().get()).isEqualTo(clicked);
            List<CheckpointDetailsView.Row> rows = checkpoints.details().subtaskRows();
            assertThat(rows).hasSize(engineCheckpoint.numSubtasks());
            List<CheckpointDetailsView.Row> slowest = rows.stream().filter(CheckpointDetailsView.Row::slowest).toList();
            assertThat(slowest).hasSize(1);
            long maxE2e = rows.stream().map(CheckpointDetailsView.Row::subtask).mapToLong(SubtaskCheckpointStats::endToEndDuration).max().orElseThrow();
            assertThat(slowest.get(0).subtask().endToEndDuration()).isEqualTo(maxE2e);
            assertThat(checkpoints.details().headline()).startsWith("Slowest: " + slowest.get(0).name() + " — ");
            return null;
        });
        fx(() -> {
            var table = checkpoints.details().table();
            for (int i = 0; i < table.getExpandedItemCount(); i++) {
                if (table.getTreeItem(i).getValue().slowest() && !table.getTreeItem(i).getValue().isTask()) {
                    table.scrollTo(i);
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".tree-table-row-cell.cs-cp-slowest").queryAll()).hasSize(1);

        // a click on a bar of the timeline selects that checkpoint
        TimelineItems.Bar bar = fx(() -> checkpoints.timeline().drawnBars().stream()
                .filter(b -> b.id() != clicked && b.status() == CheckpointStatus.COMPLETED && inside(checkpoints.timeline(), b))
                .reduce((a, b) -> b).orElseThrow());
        double[] bounds = fx(() -> checkpoints.timeline().barBounds(bar.id()));
        Point2D onBar = fx(() -> checkpoints.timeline().canvasPane().localToScreen(bounds[0] + bounds[2] / 2, bounds[1] + bounds[3] / 2));
        robot.clickOn(onBar);
        await(() -> Objects.equals(checkpoints.selectedCheckpointIdProperty().get(), bar.id()));
        await(() -> Objects.equals(checkpoints.details().shownCheckpointId(), bar.id()));
        assertThat(fx(() -> ((CheckpointHistoryTable.Row) checkpoints.history().getSelectionModel().getSelectedItem()).id())).isEqualTo(bar.id());

        // the charts draw the run's real series
        fx(() -> {
            assertThat(charts.throughputChart().lines()).extracting(LineChartCanvas.Line::name).contains("clicks", "per-user");
            assertThat(charts.throughputChart().drawnPoints()).isPositive();
            assertThat(charts.stateSizeChart().lines()).extracting(LineChartCanvas.Line::name).contains("per-user");
            assertThat(charts.durationChart().drawnPoints()).isPositive()
                    .isEqualTo(run.snapshot().history().checkpointDuration().size());
            return null;
        });
    }

    private static boolean inside(CheckpointTimeline timeline, TimelineItems.Bar bar) {
        double[] b = timeline.barBounds(bar.id());
        return b != null && b[0] >= 0 && b[0] + b[2] <= timeline.canvasPane().getWidth();
    }

    private static long completed(CheckpointStatsSnapshot s) {
        return s.counts().completed();
    }

    /** The crash-and-resume sample, writing into the test's folder, a checkpoint every 200 ms, restarting quickly. */
    private JobDocument job() {
        JobDocument doc = JobDocuments.read(Path.of("..", "sample-jobs", "clicks-crash-and-resume.job.json")).document().orElseThrow()
                .withConfigValue("execution.checkpointing.dir", dir.resolve("checkpoints").toString())
                .withConfigValue("execution.checkpointing.interval", "200ms")
                .withConfigValue("restart-strategy.type", "fixed-delay")
                .withConfigValue("restart-strategy.fixed-delay.attempts", 3)
                .withConfigValue("restart-strategy.fixed-delay.delay", "100ms");
        OperatorSpec clicks = doc.operator("clicks").orElseThrow();
        Map<String, Object> params = new LinkedHashMap<>(clicks.params());
        params.put("events", 800_000L);
        params.put("eventsPerSecond", 200_000L);
        OperatorSpec out = doc.operator("out").orElseThrow();
        Map<String, Object> outParams = new LinkedHashMap<>(out.params());
        outParams.put("path", dir.resolve("out").toString());
        return doc.withOperator(new OperatorSpec(clicks.id(), clicks.type(), clicks.name(), clicks.parallelism(), params))
                .withOperator(new OperatorSpec(out.id(), out.type(), out.name(), out.parallelism(), outParams));
    }

}
