package io.checkpointstudio.app;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.shell.DocsLinks;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.Settings;
import io.checkpointstudio.app.training.Lessons;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application: one window with the designer; an argument names a job file to open. It is where
 * the app is put together (the window, its engine session, the lessons docked in it), so that the window's
 * package never depends on the features it hosts.
 */
public final class StudioApp extends Application {
    private ExecutorService background;

    /** Builds the whole window into a stage with the studio's standard settings. */
    public static MainWindow createWindow(Stage stage, ExecutorService background, List<String> args) {
        return createWindow(stage, background, Settings.standard(), args);
    }

    /** Builds the whole window into a stage; shared by the app, the benchmark and the GUI tests. */
    public static MainWindow createWindow(Stage stage, ExecutorService background, Settings settings, List<String> args) {
        DesignerViewModel vm = new DesignerViewModel(OperatorRegistry.standard(), background, Platform::runLater);
        EngineSession session = new EngineSession(
                () -> new EngineSession.Folders(settings.defaultCheckpointDir(), settings.defaultSavepointDir()));
        MainWindow window = new MainWindow(stage, vm, settings, background, session, Lessons::new);
        Scene scene = window.createScene(1440, 900);
        stage.setScene(scene);
        vm.warmUp();
        vm.log("Checkpoint Studio ready: " + vm.registry().all().size() + " operator types");
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isRegularFile(p)) {
                window.files().open(p).thenRun(() -> Platform.runLater(window.canvas()::fitToWindow));
            }
        }
        return window;
    }

    public static ExecutorService newBackgroundExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "studio-background");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Stage stage) {
        background = newBackgroundExecutor();
        MainWindow window = createWindow(stage, background, getParameters().getRaw());
        if (Boolean.getBoolean("checkpointstudio.maximized")) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        }
        stage.show();
        window.canvas().requestFocus();
        DocsLinks.setOpener(getHostServices()::showDocument);
        window.afterShown(getParameters().getRaw());
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }
}
