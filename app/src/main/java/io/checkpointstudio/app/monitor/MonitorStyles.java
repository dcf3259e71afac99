package io.checkpointstudio.app.monitor;

import java.net.URL;
import java.util.List;
import javafx.scene.Parent;

/** The stylesheets of the monitor and snapshot views (ui-resources), which each top-level view adds to itself. */
public final class MonitorStyles {
    static final List<String> CSS = List.of("/io/checkpointstudio/css/monitor-checkpoints.css", "/io/checkpointstudio/css/monitor-snapshots.css");

    private MonitorStyles() {
    }

    public static void addTo(Parent view) {
        for (String css : CSS) {
            URL url = MonitorStyles.class.getResource(css);
            if (url == null) {
                System.err.println("checkpoint-studio: " + css + " is missing from the class path (ui-resources)");
                continue;
            }
            if (!view.getStylesheets().contains(url.toExternalForm())) {
                view.getStylesheets().add(url.toExternalForm());
            }
        }
    }
}
