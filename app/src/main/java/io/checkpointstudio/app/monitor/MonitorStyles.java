package io.checkpointstudio.app.monitor;

import java.net.URL;
import javafx.scene.Parent;

/** The stylesheet of the monitor and snapshot views, which each top-level view adds to itself. */
public final class MonitorStyles {
    public static final String CSS = "/io/checkpointstudio/css/monitor-snapshots.css";

    private MonitorStyles() {
    }

    public static void addTo(Parent view) {
        URL url = MonitorStyles.class.getResource(CSS);
        if (url == null) {
            System.err.println("checkpoint-studio: " + CSS + " is missing from the class path (ui-resources)");
            return;
        }
        view.getStylesheets().add(url.toExternalForm());
    }
}
