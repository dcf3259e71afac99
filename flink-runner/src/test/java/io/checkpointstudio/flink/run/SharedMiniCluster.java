package io.checkpointstudio.flink.run;

import io.checkpointstudio.engine.job.ValidatedJob;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster for every test of this JVM that runs small jobs one after another, so that each job
 * does not pay for starting and stopping a cluster of its own (as {@link LocalFlinkRun#run} does). A job runs
 * exactly as {@link LocalFlinkRun} builds it (the job's config is its configuration: checkpointing, state
 * backend, restart strategy, watermark interval); only cluster options in a job's config (task slots,
 * memory, ports) have no effect here. The cluster has {@value #SLOTS} slots, enough for a job of that
 * parallelism; it is closed when the JVM exits.
 */
public final class SharedMiniCluster {
    public static final int SLOTS = 4;
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static MiniCluster cluster;

    private SharedMiniCluster() {
    }

    private static synchronized MiniCluster cluster() throws Exception {
        if (cluster == null) {
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.BIND_PORT, "0");
            MiniCluster started = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(SLOTS).build());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.closeAsync().join(), "close-shared-mini-cluster"));
            cluster = started;
        }
        return cluster;
    }

    /**
     * Runs the job to its end and returns what its sinks handed back; throws Flink's
     * {@code JobExecutionException} (its cause: the job's failure) when the job failed. A job still running
     * after {@link #JOB_TIMEOUT} is cancelled, so it does not hold the slots of the tests after it.
     */
    public static FlinkRunResult run(ValidatedJob job) throws Exception {
        ClassLoader classLoader = SharedMiniCluster.class.getClassLoader();
        StreamGraph graph = LocalFlinkRun.environment(job, new Configuration()).getStreamGraph();
        graph.setJobName(job.document().name());
        JobGraph jobGraph = graph.getJobGraph(classLoader, null);
        MiniCluster c = cluster();
        JobID id = c.submitJob(jobGraph).get(30, TimeUnit.SECONDS).getJobID();
        JobResult result;
        try {
            result = c.requestJobResult(id).get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            c.cancelJob(id).get(30, TimeUnit.SECONDS);
            throw new AssertionError("'" + job.document().name() + "' did not end on Flink within " + JOB_TIMEOUT.toSeconds() + " s", e);
        }
        JobExecutionResult done = result.toJobExecutionResult(classLoader);
        return new FlinkRunResult(id.toHexString(), done.getNetRuntime(), done.getAllAccumulatorResults());
    }
}
