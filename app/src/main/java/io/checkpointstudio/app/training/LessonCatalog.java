package io.checkpointstudio.app.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lessons shipped in ui-resources ({@code io/checkpointstudio/lessons/index.txt} lists them in order). */
public final class LessonCatalog {
    static final String FOLDER = "/io/checkpointstudio/lessons/";
    private static volatile List<Lesson> all;

    private LessonCatalog() {
    }

    /** Every lesson, in the guide's order. */
    public static List<Lesson> all() {
        List<Lesson> lessons = all;
        if (lessons == null) {
            lessons = new ArrayList<>();
            for (String file : files()) {
                lessons.add(LessonParser.parse(file, read(file)));
            }
            all = lessons = List.copyOf(lessons);
        }
        return lessons;
    }

    public static Optional<Lesson> find(String id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The lesson files named by the index, in order. */
    static List<String> files() {
        return read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static String read(String file) {
        try (InputStream in = LessonCatalog.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("no lesson resource " + FOLDER + file + " (is ui-resources on the class path?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
