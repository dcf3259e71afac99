package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.config.JobConfig;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading a job file, applying {@code --set} overrides, validating, and printing problems the CLI way. */
final class JobFiles {
    private JobFiles() {
    }

    /** The outcome: the document (after overrides) and every problem found. */
    record Loaded(JobDocument document, JobValidator.Result validation, List<Problem> problems) {
        boolean ok() {
            return validation != null && validation.ok() && problems.stream().noneMatch(Problem::isError);
        }
    }

    static Loaded load(Path file, Map<String, String> overrides) {
        JobDocuments.ReadResult read = JobDocuments.read(file);
        List<Problem> problems = new ArrayList<>(read.problems());
        if (read.document().isEmpty()) {
            return new Loaded(null, null, problems);
        }
        JobDocument doc = read.document().get();
        if (!overrides.isEmpty()) {
            JobConfig config = JobConfig.parse(doc.config(), new ArrayList<>());
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                config = config.withValue(e.getKey(), e.getValue());
            }
            doc = doc.withConfig(config.raw());
        }
        if (read.hasErrors()) {
            // Reading already said what is wrong at these paths (a missing type, a bad value it left out);
            // the validator, seeing the gap, would only say it again in other words.
            Set<String> reported = problems.stream().filter(Problem::isError).map(Problem::path).collect(Collectors.toSet());
            JobValidator.Result partial = JobValidator.standard().validate(doc);
            partial.problems().stream().filter(p -> !problems.contains(p) && !reported.contains(p.path())).forEach(problems::add);
            return new Loaded(doc, null, problems);
        }
        JobValidator.Result result = JobValidator.standard().validate(doc);
        problems.addAll(result.problems());
        return new Loaded(doc, result, problems);
    }

    /** One line per problem, {@code path: message}, errors first. */
    static void print(List<Problem> problems, PrintWriter err) {
        problems.stream().filter(Problem::isError).forEach(p -> err.println(p));
        problems.stream().filter(p -> !p.isError()).forEach(p -> err.println(p));
        err.flush();
    }
}
