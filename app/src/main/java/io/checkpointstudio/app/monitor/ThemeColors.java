package io.checkpointstudio.app.monitor;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for canvas drawing taken from the stylesheet, so canvases follow the light or dark theme as the
 * controls do: each colour is the background of a hidden region with a style class (see
 * monitor-checkpoints.css), read after CSS has been applied.
 */
final class ThemeColors {
    private final Group probes = new Group();
    private final Map<String, Region> regions = new HashMap<>();

    ThemeColors(String... styleClasses) {
        probes.setManaged(false);
        probes.setVisible(false);
        for (String c : styleClasses) {
            Region r = new Region();
            r.getStyleClass().add(c);
            regions.put(c, r);
            probes.getChildren().add(r);
        }
    }

    /** Add this to the view that draws, so the probes get its styles. */
    Group node() {
        return probes;
    }

    Color color(String styleClass, Color fallback) {
        Region r = regions.get(styleClass);
        if (r == null || r.getBackground() == null || r.getBackground().getFills().isEmpty()) {
            return fallback;
        }
        Paint p = r.getBackground().getFills().get(0).getFill();
        return p instanceof Color c ? c : fallback;
    }
}
