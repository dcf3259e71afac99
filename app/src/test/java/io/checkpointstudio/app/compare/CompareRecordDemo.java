package io.checkpointstudio.app.compare;

import io.checkpointstudio.app.StudioApp;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.recording.RecordedRunPlayer;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.engine.job.JobDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

/**
 * The real window doing a comparison ({@code compare}) or replaying a recorded run with a failure scrubbed
 * to its middle ({@code recording}), for screenshots. Start it from {@code app/} through {@link Launcher}.
 */
public final class CompareRecordDemo extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        boolean compare = getParameters().getRaw().contains("compare");
        MainWindow window = StudioApp.createWindow(stage, StudioApp.newBackgroundExecutor(), List.of());
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1560);
        stage.setHeight(980);
        stage.show();
        Path dir = Files.createTempDirectory("compare-demo");
        JobDocument base = TestJobs.clicks(dir);
        JobDocument job = base.withOperator(base.operator("clicks").orElseThrow().withParam("events", compare ? 300_000L : 600_000L));
        window.viewModel().load(job, null);
        if (compare) {
            CompareWindow w = window.compareRuns();
            w.stage().setX(200);
            w.stage().setY(120);
            ((ComboBox<String>) w.stage().getScene().lookup("#compare-fail-operator")).getSelectionModel().select("per-user");
            ((javafx.scene.control.TextField) w.stage().getScene().lookup("#compare-fail-after")).setText("40000");
            w.start();
            return;
        }
        window.runs().run(RunRequest.fresh()).thenAccept(run -> Platform.runLater(() -> {
            run.failAfter("per-user", 0, 60_000);
            window.recordings().record(run, job).finished().thenAccept(file -> Platform.runLater(() ->
                    window.recordings().open(file).thenAccept(p -> Platform.runLater(() -> {
                        RecordedRunPlayer player = p;
                        window.recordings().scrubber().slider().setValue((player.end() - player.start()) * 0.62);
                    }))));
        }));
    }

    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(CompareRecordDemo.class, args);
        }
    }
}
