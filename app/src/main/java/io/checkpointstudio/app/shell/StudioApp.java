package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window with the designer; an argument names a job file to open. */
public final class StudioApp extends Application {
    private ExecutorService background;

    /** Builds the whole window into a stage; shared by the app and the GUI tests. */
    public static MainWindow createWindow(Stage stage, ExecutorService background, List<String> args) {
        DesignerViewModel vm = new DesignerViewModel(OperatorRegistry.standard(), background, Platform::runLater);
        Settings settings = Settings.standard();
        MainWindow window = new MainWindow(stage, vm, settings, background, new io.checkpointstudio.app.session.EngineSession(
                () -> new io.checkpointstudio.app.session.EngineSession.Folders(settings.defaultCheckpointDir(), settings.defaultSavepointDir())));
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
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        }
        stage.show();
        window.canvas().requestFocus();
        DocsLinks.setOpener(getHostServices()::showDocument);
        afterShown(window, getParameters().getRaw());
    }

    /** What follows the window's first showing: the welcome on the first start. */
    public static void afterShown(MainWindow window, List<String> args) {
        if (WelcomeView.dueAtStart(window.settings(), args)) {
            window.showWelcome();
        }
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }
}
