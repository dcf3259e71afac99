package io.checkpointstudio.app.shell;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample jobs ({@code sample-jobs/*.job.json}) with their names and descriptions, and the notes kept next to
 * each ({@code <name>.sample.json}: title, what to watch, whether it needs servers, the lessons that use it).
 */
public final class SampleGallery {

    public record Sample(Path path, String name, String description, int operators, JobDocument document, Notes notes) {

        public Sample(Path path, String name, String description, int operators, JobDocument document) {
            this(path, name, description, operators, document, Notes.NONE);
        }
    }

    /** A sample's notes; {@link #NONE} when it has no {@code .sample.json}. */
    public record Notes(String title, int order, List<String> watch, boolean needsServers, List<String> lessons) {
        public static final Notes NONE = new Notes(null, Integer.MAX_VALUE, List.of(), false, List.of());

        public Notes {
            watch = List.copyOf(watch);
            lessons = List.copyOf(lessons);
        }

        /** The notes next to a job file ({@code x.job.json} → {@code x.sample.json}), or {@link #NONE}. */
        public static Notes next(Path job) {
            Path file = job.resolveSibling(job.getFileName().toString().replaceFirst("\\.job\\.json$", "") + ".sample.json");
            if (!Files.isRegularFile(file)) {
                return NONE;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
                List<String> watch = new ArrayList<>();
                n.path("watch").forEach(w -> watch.add(w.asText()));
                List<String> lessons = new ArrayList<>();
                n.path("lessons").forEach(w -> lessons.add(w.asText()));
                String title = n.path("title").asText(null);
                return new Notes(title, n.path("order").asInt(Integer.MAX_VALUE), watch, n.path("needsServers").asBoolean(false), lessons);
            } catch (IOException | RuntimeException e) {
                return NONE;
            }
        }
    }

    private SampleGallery() {
    }

    /** The samples folder: -Dcheckpointstudio.samples, else sample-jobs under -Dcheckpointstudio.home or the working folder. */
    public static Path folder() {
        String explicit = System.getProperty("checkpointstudio.samples");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String home = System.getProperty("checkpointstudio.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-jobs"))) {
                return p.resolve("sample-jobs");
            }
        }
        return base.resolve("sample-jobs");
    }

    /** Reads every sample (call off the FX thread). */
    public static List<Sample> load(Path folder) {
        List<Sample> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".job.json")).sorted().toList()) {
                JobDocuments.ReadResult r = JobDocuments.read(p);
                if (r.document().isPresent()) {
                    JobDocument d = r.document().get();
                    out.add(new Sample(p, d.name(), d.description() == null ? "" : d.description(), d.operators().size(), d, Notes.next(p)));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparingInt((Sample s) -> s.notes().order())); // stable: by file name within an order
        return out;
    }
}
