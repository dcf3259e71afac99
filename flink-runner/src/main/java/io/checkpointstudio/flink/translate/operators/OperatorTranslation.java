package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.job.ValidatedOperator;
import java.util.Optional;

/**
 * Everything the Flink runner knows about one operator type: the step it adds to the DataStream pipeline
 * that {@code flink run} executes, the same step written as Java source into the {@code Main.java} of
 * {@code flink export}, what keeps it from running on Flink as written, and what {@code flink run} prints
 * about it once the job has finished. One object per type, registered in {@link OperatorTranslations} under
 * the engine's type name; the walks over a job ({@code FlinkTranslator}, {@code MavenProjectExport}) hold no
 * knowledge of their own about any type.
 */
public interface OperatorTranslation {

    /** {@code flink run}: adds the operator's step to the pipeline, after the steps of its inputs. */
    void addTo(FlinkPipeline pipeline, ValidatedOperator op);

    /** {@code flink export}: writes the operator's step into {@code Main.java}, after the steps of its inputs. */
    void writeTo(JavaPipeline code, ValidatedOperator op);

    /** Why the operator cannot run on Flink as configured, with what to do instead; empty when it can. */
    default Optional<String> limitation(ValidatedOperator op) {
        return Optional.empty();
    }

    /** What {@code flink run} prints after the operator's id once the job has finished (where a sink's records went); empty for nothing. */
    default Optional<String> report(ValidatedOperator op, FinishedSinks sinks) {
        return Optional.empty();
    }
}
