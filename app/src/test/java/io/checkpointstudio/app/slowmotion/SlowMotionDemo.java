package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.app.StudioApp;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.Settings;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The real window with barrier slow motion on a running job, for screenshots of it
 * ({@code docs/barrier-slow-motion*.png}): the crash-and-resume sample (two source and two keyed subtasks, so
 * keyed subtasks align two channels) with a checkpoint every two seconds, slow motion switched on, the job
 * run, and the canvas given back the room the monitor's tabs took. Arguments: {@code [dark]}. Settings (theme aside) go to a fresh temporary folder. Start it through
 * {@link Launcher} from a plain class path.
 */
public final class SlowMotionDemo extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("slow-motion-demo");
        Settings settings = new Settings(dir.resolve("settings"));
        settings.setWelcomeShown(true);
        settings.setDarkTheme(getParameters().getRaw().contains("dark"));
        MainWindow window = StudioApp.createWindow(stage, StudioApp.newBackgroundExecutor(), settings, List.of());
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1560);
        stage.setHeight(980);
        stage.show();
        window.canvas().requestFocus();
        JobDocument job = JobDocuments.read(Path.of("../sample-jobs/clicks-crash-and-resume.job.json")).document().orElseThrow()
                .withConfigValue("execution.checkpointing.interval", "2s")
                .withConfigValue("execution.checkpointing.dir", dir.resolve("checkpoints").toString())
                .withConfigValue("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString());
        job = job.withOperator(job.operator("out").orElseThrow().withParam("path", dir.resolve("out").toString()));
        window.viewModel().load(job, null);
        window.slowMotion().enabledProperty().set(true);
        PauseTransition run = new PauseTransition(Duration.seconds(1));
        run.setOnFinished(e -> window.runs().run());
        run.play();
        // the first run makes room for the monitor's tabs; give the canvas the room back for the picture
        PauseTransition canvasRoom = new PauseTransition(Duration.seconds(4));
        canvasRoom.setOnFinished(e -> {
            stage.getScene().getRoot().lookupAll(".split-pane").stream().map(SplitPane.class::cast)
                    .filter(p -> p.getOrientation() == Orientation.VERTICAL).forEach(p -> p.setDividerPositions(0.62));
            window.canvas().fitToWindow();
        });
        canvasRoom.play();
    }

    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(SlowMotionDemo.class, args);
        }
    }
}
