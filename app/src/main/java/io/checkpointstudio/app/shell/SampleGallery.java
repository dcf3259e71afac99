package io.checkpointstudio.app.shell;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The sample jobs ({@code sample-jobs/*.job.json}) with their names and descriptions. */
public final class SampleGallery {

    public record Sample(Path path, String name, String description, int operators, JobDocument document) {
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
                    out.add(new Sample(p, d.name(), d.description() == null ? "" : d.description(), d.operators().size(), d));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
