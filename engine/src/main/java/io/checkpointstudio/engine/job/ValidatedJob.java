package io.checkpointstudio.engine.job;

import io.checkpointstudio.engine.config.JobConfig;
import java.util.List;
import java.util.Optional;

/** A job document that has no errors, with its parsed configuration and its operators in topological order. */
public record ValidatedJob(JobDocument document, JobConfig config, List<ValidatedOperator> operators, List<Problem> warnings) {

    public Optional<ValidatedOperator> operator(String id) {
        return operators.stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
