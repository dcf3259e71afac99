package io.checkpointstudio.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX's Primer light and dark themes plus the studio stylesheet from ui-resources. */
public final class Theme {
    public static final String STUDIO_CSS = "/io/checkpointstudio/css/studio.css";

    private Theme() {
    }

    public static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        java.net.URL url = Theme.class.getResource(STUDIO_CSS);
        if (url == null) {
            System.err.println("checkpoint-studio: " + STUDIO_CSS + " is missing from the class path (ui-resources)");
            return;
        }
        String css = url.toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}
