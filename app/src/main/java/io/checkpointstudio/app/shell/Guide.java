package io.checkpointstudio.app.shell;

import javafx.scene.Node;

/**
 * A step-by-step guide docked at the window's right edge (the lessons): Help ▸ Lessons opens it, and it adds
 * a section to the welcome window. The application hands the window its guide when it builds it, so the
 * shell never names the feature that provides one.
 */
public interface Guide {

    /** The place at the window's right edge the guide opens in; it takes no room until the guide opens. */
    Node dock();

    /** Opens the guide where it was left. */
    void open();

    /** The guide's section of the welcome window. */
    WelcomeSection welcomeSection();
}
