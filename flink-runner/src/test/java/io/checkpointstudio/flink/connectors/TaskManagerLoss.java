package io.checkpointstudio.flink.connectors;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.translate.FlinkConfig;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A failure in the middle of a Flink run, as on a real cluster: the translated job runs on a MiniCluster of
 * two task managers with one slot each (a job of parallelism 2 has tasks on both), and once it has
 * completed a given number of checkpoints, task manager 0 is shut down, as if its machine were lost. Its
 * tasks fail; a task manager is started in its place, and the job's restart strategy restores the latest
 * completed checkpoint.
 */
final class TaskManagerLoss {
    /** How the run went: whether it finished, after how many checkpoints the task manager was lost, what was restored. */
    record Outcome(JobStatus status, Throwable failure, long checkpointsBeforeLoss, Long restoredCheckpointId) {
    }

    private TaskManagerLoss() {
    }

    static Outcome run(ValidatedJob job, long afterCheckpoints, Duration timeout) throws Exception {
        Configuration conf = FlinkConfig.configuration(job);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(2).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            FlinkTranslator.translate(job, env);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(job.document().name());
            graph.setJobId(new JobID());
            JobID id = cluster.submitJob(graph).get().getJobID();

            long completed = awaitCheckpoints(cluster, id, afterCheckpoints, deadline);
            cluster.terminateTaskManager(0).get(30, TimeUnit.SECONDS);
            cluster.startTaskManager();

            JobResult result = cluster.requestJobResult(id).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            AccessExecutionGraph graphAtEnd = cluster.getArchivedExecutionGraph(id).get(30, TimeUnit.SECONDS);
            RestoredCheckpointStats restored = graphAtEnd.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
            return new Outcome(result.getJobStatus().orElse(graphAtEnd.getState()),
                    result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null), completed,
                    restored == null ? null : restored.getCheckpointId());
        }
    }

    private static long awaitCheckpoints(MiniCluster cluster, JobID id, long checkpoints, long deadline) throws Exception {
        while (true) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS);
            long completed = graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
            if (graph.getState().isGloballyTerminalState()) {
                throw new AssertionError("the job ended (" + graph.getState() + ") after " + completed + " checkpoints, before the task manager"
                        + " was to be lost after " + checkpoints);
            }
            if (completed >= checkpoints) {
                return completed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + checkpoints + " completed checkpoints in time (" + completed + ")");
            }
            Thread.sleep(20);
        }
    }
}
