package io.checkpointstudio.app.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The user's settings (theme, recent files) in {@code ~/.checkpoint-studio/settings.properties}; the folder
 * can be moved with {@code -Dcheckpointstudio.settings.dir} (tests do).
 */
public final class Settings {
    private static final int RECENT = 10;
    private final Path file;
    private final Properties props = new Properties();

    public Settings(Path dir) {
        this.file = dir.resolve("settings.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException ignored) {
                // Defaults then.
            }
        }
    }

    public static Settings standard() {
        String dir = System.getProperty("checkpointstudio.settings.dir");
        return new Settings(dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".checkpoint-studio"));
    }

    public boolean darkTheme() {
        String forced = System.getProperty("checkpointstudio.theme");
        if (forced != null) {
            return forced.equalsIgnoreCase("dark");
        }
        return "dark".equals(props.getProperty("theme"));
    }

    public void setDarkTheme(boolean dark) {
        props.setProperty("theme", dark ? "dark" : "light");
        save();
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String p = props.getProperty("recent." + i);
            if (p != null) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void addRecentFile(Path path) {
        List<Path> recent = recentFiles();
        Path abs = path.toAbsolutePath().normalize();
        recent.remove(abs);
        recent.add(0, abs);
        for (int i = 0; i < RECENT; i++) {
            props.remove("recent." + i);
        }
        for (int i = 0; i < Math.min(RECENT, recent.size()); i++) {
            props.setProperty("recent." + i, recent.get(i).toString());
        }
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "Checkpoint Studio settings");
            }
        } catch (IOException ignored) {
            // Settings are a convenience; never fail the app over them.
        }
    }
}
