package io.checkpointstudio.app.monitor;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Shows the checkpoints page or the charts of a real run in a window, for looking at them (screenshots):
 * the crash-and-resume sample with a checkpoint every second, a failed subtask after six seconds, and the
 * newest completed checkpoint selected. Arguments: {@code checkpoints|charts [summary] [dark]}. Start it through
 * {@link Launcher} from a plain class path.
 */
public final class MonitorDemo extends Application {
    private EngineSession session;

    @Override
    public void start(Stage stage) throws Exception {
        boolean charts = getParameters().getRaw().contains("charts");
        boolean dark = getParameters().getRaw().contains("dark");
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        session = new EngineSession();
        MonitorModel model = new MonitorModel(session);
        CheckpointsView checkpoints = new CheckpointsView(model);
        if (getParameters().getRaw().contains("summary")) {
            checkpoints.tabs().getSelectionModel().select(1);
        }
        stage.setScene(new Scene(charts ? new ChartsView(model) : checkpoints, 1560, 960));
        stage.setTitle("Checkpoint Studio — monitor");
        stage.setX(20);
        stage.setY(20);
        stage.show();

        Path dir = Files.createTempDirectory("monitor-demo");
        JobDocument doc = JobDocuments.read(Path.of("..", "sample-jobs", "clicks-crash-and-resume.job.json")).document().orElseThrow()
                .withConfigValue("execution.checkpointing.dir", dir.resolve("checkpoints").toString())
                .withConfigValue("restart-strategy.type", "fixed-delay")
                .withConfigValue("restart-strategy.fixed-delay.delay", "500ms");
        OperatorSpec clicks = doc.operator("clicks").orElseThrow();
        Map<String, Object> params = new LinkedHashMap<>(clicks.params());
        params.put("events", 0L);
        params.put("eventsPerSecond", 100_000L);
        OperatorSpec out = doc.operator("out").orElseThrow();
        Map<String, Object> outParams = new LinkedHashMap<>(out.params());
        outParams.put("path", dir.resolve("out").toString());
        JobDocument job = doc.withOperator(new OperatorSpec(clicks.id(), clicks.type(), clicks.name(), clicks.parallelism(), params))
                .withOperator(new OperatorSpec(out.id(), out.type(), out.name(), out.parallelism(), outParams));
        session.start(job, RunRequest.fresh(), w -> { }).thenAccept(run -> Platform.runLater(() -> {
            model.show(run);
            after(6, () -> run.failNow("per-user", 0));
            after(9, () -> run.savepoint("demo"));
            after(12, () -> {
                var history = model.snapshot().checkpoints().history();
                history.stream().filter(c -> c.status() == CheckpointStatus.COMPLETED)
                        .findFirst().ifPresent(c -> checkpoints.selectedCheckpointIdProperty().set(c.id()));
            });
        }));
    }

    private static void after(double seconds, Runnable action) {
        PauseTransition p = new PauseTransition(Duration.seconds(seconds));
        p.setOnFinished(e -> action.run());
        p.play();
    }

    @Override
    public void stop() {
        session.close();
    }

    /** A main class that does not extend Application, so JavaFX starts from a plain class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(MonitorDemo.class, args);
        }
    }
}
