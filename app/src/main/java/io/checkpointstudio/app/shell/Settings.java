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
 * The user's settings (theme, recent files, default checkpoint and savepoint folders, whether the welcome
 * was shown) in {@code ~/.checkpoint-studio/settings.properties}; the folder can be moved with
 * {@code -Dcheckpointstudio.settings.dir} (tests do). The log is in its {@code logs} folder.
 */
public final class Settings {
    private static final int RECENT = 10;
    private final Path dir;
    private final Path file;
    private final Properties props = new Properties();

    public Settings(Path dir) {
        this.dir = dir;
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
        return new Settings(standardDir());
    }

    /** {@code -Dcheckpointstudio.settings.dir}, else {@code ~/.checkpoint-studio}. */
    public static Path standardDir() {
        String dir = System.getProperty("checkpointstudio.settings.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".checkpoint-studio");
    }

    /** The folder of settings.properties. */
    public Path dir() {
        return dir;
    }

    /** Where the app's log is written ({@link StudioLogging}). */
    public Path logDir() {
        return logDir(dir);
    }

    static Path logDir(Path settingsDir) {
        return settingsDir.resolve("logs");
    }

    /** The folder the app's runs use for checkpoints when a job sets none; {@code ~/.checkpoint-studio/checkpoints} unless changed. */
    public Path defaultCheckpointDir() {
        String p = props.getProperty("checkpoints.dir");
        return p == null || p.isBlank() ? dir.resolve("checkpoints") : Path.of(p);
    }

    /** The folder the app's runs use for savepoints when a job sets none; {@code ~/.checkpoint-studio/savepoints} unless changed. */
    public Path defaultSavepointDir() {
        String p = props.getProperty("savepoints.dir");
        return p == null || p.isBlank() ? dir.resolve("savepoints") : Path.of(p);
    }

    public void setDefaultCheckpointDir(Path folder) {
        props.setProperty("checkpoints.dir", folder.toAbsolutePath().normalize().toString());
        save();
    }

    public void setDefaultSavepointDir(Path folder) {
        props.setProperty("savepoints.dir", folder.toAbsolutePath().normalize().toString());
        save();
    }

    /** True once the welcome window has been shown (it opens by itself on the first start only). */
    public boolean welcomeShown() {
        return Boolean.parseBoolean(props.getProperty("welcome.shown"));
    }

    public void setWelcomeShown(boolean shown) {
        props.setProperty("welcome.shown", Boolean.toString(shown));
        save();
    }

    /** True when the user asked for the welcome at every start. */
    public boolean welcomeAtEveryStart() {
        return Boolean.parseBoolean(props.getProperty("welcome.every-start"));
    }

    public void setWelcomeAtEveryStart(boolean always) {
        props.setProperty("welcome.every-start", Boolean.toString(always));
        save();
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

    public void clearRecentFiles() {
        for (int i = 0; i < RECENT; i++) {
            props.remove("recent." + i);
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
