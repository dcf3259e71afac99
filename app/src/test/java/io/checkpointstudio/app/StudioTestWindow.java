package io.checkpointstudio.app;

import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.StudioApp;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole studio window for a GUI test, built as the app builds it, at the headless screen's size:
 * open it in the test's {@code @Start}, close it in {@code @AfterEach}.
 */
public final class StudioTestWindow {
    private ExecutorService background;
    private MainWindow window;

    /** Builds and shows the window in {@code stage}; call on the JavaFX thread (a @Start method is). */
    public MainWindow open(Stage stage) {
        FxWindows.closeAllBut(stage);
        background = StudioApp.newBackgroundExecutor();
        window = StudioApp.createWindow(stage, background, List.of());
        stage.setWidth(1280); // Monocle's headless screen is 1280×800; a larger stage breaks its painter
        stage.setHeight(800);
        stage.show();
        return window;
    }

    /** Stops the window's monitor and run, and its background thread. */
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.dispose();
            return null;
        }).get(10, TimeUnit.SECONDS);
        background.shutdownNow();
    }
}
