package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.Problem;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a validation problem points in the designer: an operator (and maybe one of its parameters), a
 * configuration key, an edge, or the job as a whole. Parsed from the problem's JSON path
 * ({@code operators[2].params.condition}, {@code config.execution.checkpointing.interval}, {@code edges[3]}).
 */
public record ProblemLocation(String operatorId, String param, String configKey, int edgeIndex) {
    private static final Pattern OPERATOR = Pattern.compile("^operators\\[(\\d+)](?:\\.params\\.([^.\\[]+))?(?:\\.(\\w+))?.*");
    private static final Pattern EDGE = Pattern.compile("^edges\\[(\\d+)].*");

    public static ProblemLocation of(Problem problem, JobDocument doc) {
        String path = problem.path();
        String operatorId = problem.operatorId();
        String param = null;
        Matcher m = OPERATOR.matcher(path);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            if (operatorId == null && i < doc.operators().size()) {
                operatorId = doc.operators().get(i).id();
            }
            param = m.group(2) != null ? m.group(2) : m.group(3);
        }
        if (path.startsWith("config.")) {
            return new ProblemLocation(operatorId, null, path.substring("config.".length()), -1);
        }
        Matcher e = EDGE.matcher(path);
        if (e.matches()) {
            int i = Integer.parseInt(e.group(1));
            if (operatorId == null && i < doc.edges().size()) {
                operatorId = doc.edges().get(i).to();
            }
            return new ProblemLocation(operatorId, null, null, i);
        }
        return new ProblemLocation(operatorId, param, null, -1);
    }
}
