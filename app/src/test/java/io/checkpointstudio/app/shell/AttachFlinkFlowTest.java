package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.flink.FlinkJobSource;
import io.checkpointstudio.app.monitor.CheckpointsView;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.rest.RestServer;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * File ▸ Attach to Flink Job… as a person uses it, against a job served over Flink's REST paths (our
 * engine's RestServer, as {@code run --rest-port} serves it): list the jobs, attach, see the checkpoints,
 * take a savepoint and stop with one from the toolbar and the Run menu.
 */
class AttachFlinkFlowTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
    }

    private RunSnapshot snapshot() {
        return window.monitor().snapshot();
    }

    @Test
    void whenAPersonAttachesToAJobByItsRestAddress_thenTheMonitorShowsItsCheckpoints_andTheToolbarTakesSavepoints(FxRobot robot) throws Exception {
        try (RestServer rest = RestServer.start(0);
             JobExecution job = JobExecution.start(JobValidator.standard().validate(TestJobs.clicks(dir)).orThrow(), RunOptions.defaults())) {
            rest.register(job);

            robot.clickOn("File").clickOn("Attach to Flink Job…");
            fx(() -> {
                ((TextField) robot.lookup("#flink-url").query()).setText("http://127.0.0.1:" + rest.port());
                return null;
            });
            robot.clickOn("#flink-list");
            await("the job list", () -> ((ListView<?>) robot.lookup("#flink-jobs").query()).getItems().size() == 1);
            robot.clickOn("#flink-attach");

            await("the attached job's checkpoints", () -> window.monitor().source() instanceof FlinkJobSource && snapshot() != null
                    && snapshot().jobId().equals(job.jobId()) && snapshot().checkpoints().counts().completed() >= 2);
            CheckpointsView checkpoints = robot.lookup("#checkpoints-view").query();
            await("the history table", () -> checkpoints.history().checkpointIds()
                    .equals(snapshot().checkpoints().history().stream().map(c -> c.id()).toList()));
            assertThat(fx(() -> window.monitor().run())).as("no live run: fault injection and crash stay off").isNull();
            await("the status bar", () -> fx(() -> ((Label) robot.lookup("#status-run").query()).getText()).contains(" on Flink at http://127.0.0.1:"));
            assertThat(fx(() -> ((Label) robot.lookup("#status-run").query()).getText())).as("the designer's edits do not touch a Flink job")
                    .doesNotContain("edits apply");
            assertThat(fx(() -> robot.lookup("#cancel").queryButton().isDisabled())).isTrue();
            assertThat(fx(() -> robot.lookup("#savepoint").queryButton().isDisabled())).isFalse();

            robot.clickOn("#savepoint");
            await("the savepoint", () -> String.join("\n", window.viewModel().console()).contains("Savepoint completed"));
            try (var files = Files.list(dir.resolve("savepoints"))) {
                assertThat(files.toList()).hasSize(1);
            }

            robot.clickOn("#run-menu").clickOn("Stop with Savepoint");
            assertThat(job.result().get(60, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.FINISHED);
            await("the attached job finished", () -> snapshot().status() == JobStatus.FINISHED);
            await("the stop's savepoint", () -> String.join("\n", window.viewModel().console()).contains("Stop with savepoint completed"));
            assertThat(fx(() -> robot.lookup("#savepoint").queryButton().isDisabled())).isTrue();
        }
    }
}
