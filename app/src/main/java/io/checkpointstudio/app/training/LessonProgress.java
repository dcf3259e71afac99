package io.checkpointstudio.app.training;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which steps of each lesson are done and which step was open last, kept in {@code lessons.properties} next
 * to the studio's settings.properties, so progress survives restarts ({@code <id>.done=0,1,3},
 * {@code <id>.at=2}, {@code last=<id>}).
 */
public final class LessonProgress {
    private final Path file;
    private final Properties props = new Properties();

    public LessonProgress(Path settingsDir) {
        this.file = settingsDir.resolve("lessons.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException ignored) {
                // No progress then.
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The indexes of the lesson's done steps, ascending. */
    public TreeSet<Integer> done(String lesson) {
        String v = props.getProperty(lesson + ".done", "");
        return Arrays.stream(v.split(",")).filter(s -> s.matches("\\d+")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    public int doneCount(String lesson) {
        return done(lesson).size();
    }

    public boolean isDone(String lesson, int step) {
        return done(lesson).contains(step);
    }

    public void markDone(String lesson, int step) {
        TreeSet<Integer> d = done(lesson);
        if (d.add(step)) {
            props.setProperty(lesson + ".done", d.stream().map(String::valueOf).collect(Collectors.joining(",")));
            save();
        }
    }

    /** The step that was open last in the lesson (0 when never opened). */
    public int position(String lesson) {
        try {
            return Integer.parseInt(props.getProperty(lesson + ".at", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void setPosition(String lesson, int step) {
        props.setProperty(lesson + ".at", Integer.toString(step));
        props.setProperty("last", lesson);
        save();
    }

    /** The lesson open last, or null. */
    public String lastLesson() {
        return props.getProperty("last");
    }

    public void reset(String lesson) {
        props.remove(lesson + ".done");
        props.remove(lesson + ".at");
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "Checkpoint Studio lesson progress");
            }
        } catch (IOException ignored) {
            // Progress is a convenience; never fail the app over it.
        }
    }
}
