package io.checkpointstudio.app.shell;

import java.nio.file.Path;
import javafx.scene.Node;

/**
 * A section a feature adds to the welcome window, below the samples; found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.checkpointstudio.app.shell.WelcomeSection}). The lessons
 * are meant to come in this way: a "Lessons" section whose entries open a lesson's job through
 * {@link Context#openJob}. The welcome window asks for the content each time it opens, on the FX thread.
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
