package io.checkpointstudio.flink.run;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.translate.FlinkConfig;
import io.checkpointstudio.flink.translate.FlinkTranslationException;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job on a Flink MiniCluster in this process (what {@code flink run JOB.json} does without
 * {@code --cluster}): the job's config becomes the Flink configuration, the translated pipeline runs to
 * its end, and the sinks' results come back as accumulators.
 */
public final class LocalFlinkRun {
    private LocalFlinkRun() {
    }

    /** A local environment with the job's configuration and its pipeline added. */
    public static StreamExecutionEnvironment environment(ValidatedJob job, Configuration extra) throws FlinkTranslationException {
        Configuration conf = FlinkConfig.configuration(job);
        conf.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        FlinkTranslator.translate(job, env);
        return env;
    }

    public static FlinkRunResult run(ValidatedJob job) throws Exception {
        return run(job, new Configuration());
    }

    public static FlinkRunResult run(ValidatedJob job, Configuration extra) throws Exception {
        JobExecutionResult result = environment(job, extra).execute(job.document().name());
        return new FlinkRunResult(result.getJobID().toHexString(), result.getNetRuntime(), result.getAllAccumulatorResults());
    }
}
