package io.checkpointstudio.app;

import java.util.ArrayList;
import javafx.stage.Window;

/**
 * GUI tests share one JavaFX toolkit and one headless screen: a dialog a test left open would sit on top of
 * the next test's window and take its clicks. Tests close every window but their own when they start.
 */
public final class FxWindows {
    private FxWindows() {
    }

    /** Hides every open window except {@code keep}; call on the JavaFX thread (a @Start method is). */
    public static void closeAllBut(Window keep) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w != keep) {
                w.hide();
            }
        }
    }
}
