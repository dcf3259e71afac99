package io.checkpointstudio.engine.job;

import java.util.List;
import java.util.stream.Collectors;

/** A job document has errors; each problem names where and what. */
public final class JobValidationException extends Exception {
    private final List<Problem> problems;

    public JobValidationException(List<Problem> problems) {
        super(problems.stream().filter(Problem::isError).map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
