package io.checkpointstudio.flink.translate;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.flink.translate.operators.FlinkPipeline;
import io.checkpointstudio.flink.translate.operators.OperatorTranslation;
import io.checkpointstudio.flink.translate.operators.OperatorTranslations;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Turns a validated job into a Flink DataStream pipeline, operator by operator in topological order, each
 * through the translation of its type ({@link OperatorTranslations}), which names its steps and gives them
 * uids after the operator's id. {@link #checkSupported} refuses a job with an operator that has no
 * translation, or one whose translation cannot keep its guarantees as configured (a postgres-sink with mode
 * APPEND and semantic EXACTLY_ONCE), with the reason.
 */
public final class FlinkTranslator {
    private FlinkTranslator() {
    }

    /**
     * Checks that every operator has a translation that keeps its guarantees; the message of the first one
     * that has none.
     */
    public static void checkSupported(ValidatedJob job) throws FlinkTranslationException {
        for (ValidatedOperator op : job.operators()) {
            Optional<String> limitation = translation(op).limitation(op);
            if (limitation.isPresent()) {
                throw new FlinkTranslationException(limitation.get());
            }
        }
    }

    /** The translation of the operator's type. */
    public static OperatorTranslation translation(ValidatedOperator op) throws FlinkTranslationException {
        return translation(op, OperatorTranslations.standard());
    }

    static OperatorTranslation translation(ValidatedOperator op, OperatorTranslations translations) throws FlinkTranslationException {
        String type = op.descriptor().type();
        Optional<OperatorTranslation> translation = translations.find(type);
        if (translation.isEmpty()) {
            throw new FlinkTranslationException("operator type '" + type + "' of '" + op.id() + "' has no Flink translation"
                    + translations.whyUntranslated(type).map(why -> ": " + why).orElse(""));
        }
        return translation.get();
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void translate(ValidatedJob job, StreamExecutionEnvironment env) throws FlinkTranslationException {
        checkSupported(job);
        FlinkPipeline pipeline = new FlinkPipeline(job, env);
        for (ValidatedOperator op : job.operators()) {
            translation(op).addTo(pipeline, op);
        }
    }
}
