package io.checkpointstudio.app.snapshots;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.monitor.Screenshots;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.SnapshotEntry;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.RestoreCheck.Kind;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A person takes a savepoint, opens the restore dialog on it, edits the job in ways that break the
 * restore, sees why, and allows the non-restored state to go ahead; the confirmed request starts a run.
 */
class SnapshotsRestoreFlowTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private final EngineSession session = gui.session();
    private final AtomicReference<JobDocument> job = new AtomicReference<>();
    private final List<RunRequest> requested = new CopyOnWriteArrayList<>();
    private SnapshotsView view;

    @TempDir
    Path dir;

    @Test
    void aSavepointRestoresIntoTheSameJob_butNotIntoAnEditedOne_untilNonRestoredStateIsAllowed(FxRobot robot) throws Exception {
        // given the job runs and the snapshots view shows it
        job.set(TestJobs.clicks(dir));
        LiveRun run = session.start(job.get(), RunRequest.fresh(), w -> { }).get(30, TimeUnit.SECONDS);
        view = gui.showRun(run, model -> new SnapshotsView(model, job::get), 1200, 800);
        gui.afterTest(view::dispose);
        robot.interact(() -> view.onRestore(requested::add));
        await("the savepoint button is on", () -> !robot.lookup("#take-savepoint").queryButton().isDisabled());

        // when a person names a savepoint and takes it
        robot.clickOn("#savepoint-name").write("before-upgrade");
        robot.clickOn("#take-savepoint");
        // then the path is shown and the savepoint is listed
        await("the savepoint is written", () -> label(robot, "#savepoint-status").startsWith("Savepoint written to"));
        assertThat(label(robot, "#savepoint-status")).contains("before-upgrade");
        await("the savepoint is listed", () -> savepoint() != null);
        SnapshotEntry savepoint = fx(this::savepoint);
        assertThat(savepoint.jobName()).isEqualTo("clicks-crash-and-resume");
        assertThat(savepoint.layout()).hasSize(6);
        assertThat(savepoint.sizeBytes()).isPositive();
        // and the retained checkpoints are listed too, refreshed as they complete
        await("checkpoints are listed", () -> view.entries().stream().anyMatch(e -> !e.savepoint()));

        // when it is restored into the job as it is
        RestoreCheck.Report same = openRestoreOn(robot, savepoint);
        // then every operator with state gets it back and the restore button is on
        assertThat(verdicts(same)).containsEntry("per-user", Kind.RESTORED).containsEntry("clicks", Kind.RESTORED)
                .doesNotContainValue(Kind.DROPPED).doesNotContainValue(Kind.INCOMPATIBLE).doesNotContainValue(Kind.NEW);
        assertThat(restoreButton(robot).isDisabled()).isFalse();
        cancelDialog(robot);

        // when the sum becomes a max under the same id
        OperatorSpec sum = job.get().operator("per-user").orElseThrow();
        JobDocument original = job.get();
        job.set(original.withOperator(new OperatorSpec("per-user", "max", sum.name(), null, sum.params())));
        RestoreCheck.Report changedType = openRestoreOn(robot, savepoint);
        // then its state does not fit, the button is off and the dialog says why and what to do
        assertThat(verdicts(changedType)).containsEntry("per-user", Kind.INCOMPATIBLE);
        assertThat(restoreButton(robot).isDisabled()).isTrue();
        assertThat(label(robot, "#restore-problem")).contains("was a sum, is now a max").contains("What to do");
        Screenshots.take(robot.lookup(".cs-restore-dialog").query().getScene(), "restore-dialog-incompatible");
        Screenshots.take(view.getScene(), "snapshots-view");
        cancelDialog(robot);

        // when the sum gets another id instead
        job.set(renamed(original, "per-user", "per-user-v2"));
        RestoreCheck.Report renamed = openRestoreOn(robot, savepoint);
        // then the old state has no taker (dropped) and the new operator starts empty; the button is off
        assertThat(verdicts(renamed)).containsEntry("per-user", Kind.DROPPED).containsEntry("per-user-v2", Kind.NEW);
        assertThat(restoreButton(robot).isDisabled()).isTrue();
        assertThat(label(robot, "#restore-problem")).contains("Allow non-restored state");
        // and allowing non-restored state lets it go ahead
        robot.clickOn("#restore-allow-non-restored");
        await("the check says yes", () -> dialogReport() != null && dialogReport().canRestore());
        assertThat(restoreButton(robot).isDisabled()).isFalse();
        robot.clickOn(restoreButton(robot));

        // then the lead's code gets the run to start, and it starts from the savepoint
        await("the request was handed over", () -> !requested.isEmpty());
        RunRequest request = requested.get(0);
        assertThat(request).isEqualTo(new RunRequest(savepoint.path(), true, null, null));
        run.cancel();
        await("the first run ended", () -> !run.snapshot().running());
        LiveRun resumed = session.start(job.get(), request, w -> { }).get(30, TimeUnit.SECONDS);
        await("the resumed run runs", () -> resumed.snapshot().status() == JobStatus.RUNNING);
        assertThat(resumed.snapshot().restoredFrom()).isEqualTo(savepoint.path().toString());
    }

    private SnapshotEntry savepoint() {
        return view.entries().stream().filter(e -> e.savepoint() && e.path().toString().contains("before-upgrade")).findFirst().orElse(null);
    }

    private RestoreCheck.Report openRestoreOn(FxRobot robot, SnapshotEntry entry) throws Exception {
        TableView<SnapshotEntry> table = view.table();
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(view.entries().indexOf(view.entries().stream()
                    .filter(e -> e.path().equals(entry.path())).findFirst().orElseThrow()));
        });
        robot.clickOn("#snapshots-restore");
        await("the restore check answered", () -> dialogReport() != null);
        return fx(() -> dialogReport());
    }

    private RestoreCheck.Report dialogReport() {
        return view.openRestoreDialog().map(d -> d.reportProperty().get()).orElse(null);
    }

    private static Button restoreButton(FxRobot robot) {
        return robot.lookup("#restore-ok").queryButton();
    }

    private static void cancelDialog(FxRobot robot) throws Exception {
        DialogPane pane = robot.lookup(".cs-restore-dialog").queryAs(DialogPane.class);
        robot.clickOn((Button) pane.lookupButton(ButtonType.CANCEL));
        await("the dialog is closed", () -> robot.lookup(".cs-restore-dialog").tryQuery().isEmpty());
    }

    private static String label(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static Map<String, Kind> verdicts(RestoreCheck.Report report) {
        return report.verdicts().stream().collect(Collectors.toMap(RestoreCheck.Verdict::operatorId, RestoreCheck.Verdict::kind));
    }

    private static JobDocument renamed(JobDocument doc, String from, String to) {
        List<OperatorSpec> ops = doc.operators().stream()
                .map(o -> o.id().equals(from) ? new OperatorSpec(to, o.type(), o.name(), o.parallelism(), o.params()) : o).toList();
        List<EdgeSpec> edges = doc.edges().stream()
                .map(e -> new EdgeSpec(e.from().equals(from) ? to : e.from(), e.to().equals(from) ? to : e.to())).toList();
        return doc.withOperators(ops).withEdges(edges);
    }
}
