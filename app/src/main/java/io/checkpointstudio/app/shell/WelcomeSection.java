package io.checkpointstudio.app.shell;

import java.nio.file.Path;
import javafx.scene.Node;

/**
 * A section a feature adds to the welcome window, below the samples: the window's {@link Guide} hands in its
 * own (the lessons' list of lessons). The welcome window asks for the content each time it opens, on the FX
 * thread.
 */
public interface WelcomeSection {

    /** What the welcome window lets a section do. */
    interface Context {
        /** Closes the welcome window and opens a job document in the designer (asks to save unsaved changes first). */
        void openJob(Path job);

        /** Closes the welcome window. */
        void close();

        Settings settings();
    }

    /** The section's heading, e.g. "Lessons". */
    String title();

    /** The section's content. */
    Node content(Context context);

    /** Sections are shown in ascending order (ties: by title). */
    default int order() {
        return 100;
    }
}
