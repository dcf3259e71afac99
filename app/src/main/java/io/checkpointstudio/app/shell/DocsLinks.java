package io.checkpointstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens the user guide and other local files in the desktop's own viewer. The app sets the opener from its
 * HostServices at start; without one (the GUI tests) a link only records what it would have opened.
 */
public final class DocsLinks {
    private static volatile Consumer<String> opener;
    private static volatile String lastOpened;

    private DocsLinks() {
    }

    public static void setOpener(Consumer<String> open) {
        opener = open;
    }

    /** The docs folder: docs under -Dcheckpointstudio.home (the app image's $APPDIR) or the working folder or a parent of it. */
    public static Path folder() {
        String home = System.getProperty("checkpointstudio.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs").resolve("user-guide.md"))) {
                return p.resolve("docs");
            }
        }
        return base.resolve("docs");
    }

    public static Path doc(String fileName) {
        return folder().resolve(fileName);
    }

    public static void open(Path file) {
        String uri = file.toAbsolutePath().toUri().toString();
        lastOpened = uri;
        Consumer<String> o = opener;
        if (o != null) {
            o.accept(uri);
        }
    }

    /** The URI of the last link followed (tests). */
    public static String lastOpened() {
        return lastOpened;
    }
}
