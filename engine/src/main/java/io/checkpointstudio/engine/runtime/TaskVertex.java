package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.job.ValidatedOperator;
import java.util.List;
import java.util.stream.Collectors;

/** A task of the physical plan: a chain of operators that run in one thread per subtask. */
public record TaskVertex(int index, List<ValidatedOperator> chain, int parallelism) {

    /** Flink's style of naming a chained task: {@code "clicks -> logged-in -> pair"}. */
    public String name() {
        return chain.stream().map(ValidatedOperator::id).collect(Collectors.joining(" -> "));
    }

    public ValidatedOperator head() {
        return chain.get(0);
    }

    public ValidatedOperator tail() {
        return chain.get(chain.size() - 1);
    }

    public boolean isSource() {
        return head().descriptor().isSource();
    }
}
