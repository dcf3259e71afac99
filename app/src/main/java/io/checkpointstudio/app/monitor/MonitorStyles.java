package io.checkpointstudio.app.monitor;

import java.net.URL;
import javafx.scene.Parent;

/** The monitor's own stylesheet (ui-resources), added by each top-level monitor view to itself. */
final class MonitorStyles {
    static final String CSS = "/io/checkpointstudio/css/monitor-checkpoints.css";

    private MonitorStyles() {
    }

    static void addTo(Parent view) {
        URL url = MonitorStyles.class.getResource(CSS);
        if (url == null) {
            System.err.println("checkpoint-studio: " + CSS + " is missing from the class path (ui-resources)");
            return;
        }
        if (!view.getStylesheets().contains(url.toExternalForm())) {
            view.getStylesheets().add(url.toExternalForm());
        }
    }
}
