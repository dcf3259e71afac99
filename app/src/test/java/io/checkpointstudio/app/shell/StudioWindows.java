package io.checkpointstudio.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

/** Test helpers: a studio window whose settings live in a given folder, menu items by name, FX-thread calls. */
final class StudioWindows {
    static final String SETTINGS_DIR = "checkpointstudio.settings.dir";

    private StudioWindows() {
    }

    /**
     * Builds the studio window into a stage as the app does, with -Dcheckpointstudio.settings.dir pointing at
     * settingsDir while Settings.standard() reads it, shows it and runs what follows the first showing.
     */
    static MainWindow start(Stage stage, ExecutorService background, Path settingsDir, List<String> args) throws Exception {
        return fx(() -> {
            String before = System.getProperty(SETTINGS_DIR);
            System.setProperty(SETTINGS_DIR, settingsDir.toString());
            MainWindow window;
            try {
                window = StudioApp.createWindow(stage, background, args);
            } finally {
                if (before == null) {
                    System.clearProperty(SETTINGS_DIR);
                } else {
                    System.setProperty(SETTINGS_DIR, before);
                }
            }
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            StudioApp.afterShown(window, args);
            return window;
        });
    }

    /** Closes every window but the test's stage, and stops the window's monitor. */
    static void closeAll(Stage stage, MainWindow window) throws Exception {
        fx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
            if (window != null) {
                window.dispose();
            }
            return null;
        });
    }

    /** Fires a menu item of the window's menu bar, as a click on it would. */
    static void menu(Stage stage, String menu, String item) throws Exception {
        fx(() -> {
            MenuBar bar = (MenuBar) stage.getScene().lookup("#menu-bar");
            Menu m = bar.getMenus().stream().filter(x -> x.getText().equals(menu)).findFirst().orElseThrow();
            MenuItem i = m.getItems().stream().filter(x -> item.equals(x.getText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + menu + " ▸ " + item));
            i.fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(15, TimeUnit.SECONDS);
    }

    static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
