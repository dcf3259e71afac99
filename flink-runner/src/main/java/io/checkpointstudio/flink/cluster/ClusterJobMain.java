package io.checkpointstudio.flink.cluster;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidationException;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.translate.FlinkConfig;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry class of the job jar that {@code flink run --cluster URL} uploads: its program arguments carry
 * the job document (Base64 of its JSON, so no path on the cluster and no quoting is involved); it validates
 * and translates the document and executes it on the environment the cluster provides, configured with the
 * job's config (checkpointing, state backend, restart strategy) as the local run is.
 */
public final class ClusterJobMain {
    static final String JOB_ARG = "--job-base64";

    private ClusterJobMain() {
    }

    /** The program arguments that carry {@code doc}. */
    public static List<String> arguments(JobDocument doc) {
        return List.of(JOB_ARG, Base64.getEncoder().encodeToString(JobDocuments.toJson(doc).getBytes(StandardCharsets.UTF_8)));
    }

    /** The job document the arguments carry, validated. */
    public static ValidatedJob job(String... args) throws JobValidationException {
        if (args.length != 2 || !args[0].equals(JOB_ARG)) {
            throw new IllegalArgumentException("expected " + JOB_ARG + " BASE64-OF-THE-JOB-DOCUMENT, got " + args.length + " arguments");
        }
        String json = new String(Base64.getDecoder().decode(args[1]), StandardCharsets.UTF_8);
        JobDocuments.ReadResult read = JobDocuments.parse(json);
        JobDocument doc = read.document().orElseThrow(() -> new IllegalArgumentException("not a job document: " + read.problems()));
        return JobValidator.standard().validate(doc).orThrow();
    }

    public static void main(String[] args) throws Exception {
        ValidatedJob job = job(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkConfig.configuration(job));
        FlinkTranslator.translate(job, env);
        env.execute(job.document().name());
    }
}
