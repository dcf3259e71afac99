package io.checkpointstudio.app;

import io.checkpointstudio.app.shell.Settings;
import io.checkpointstudio.app.shell.StudioLogging;
import javafx.application.Application;

/**
 * Starts the desktop app from a plain class path (a main class that extends Application would need the
 * JavaFX modules on the module path). {@code Launcher [JOB.json]}.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StudioLogging.install(Settings.standard().logDir());
        Application.launch(StudioApp.class, args);
    }
}
