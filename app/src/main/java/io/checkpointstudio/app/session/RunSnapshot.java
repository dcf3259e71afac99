package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Everything the monitor shows of a run at one instant, immutable except {@link #history}, whose series
 * only grow. The UI takes one about ten times a second and redraws only when {@link #revision} changed.
 *
 * @param revision     increases whenever anything in the snapshot changed
 * @param startedAt    epoch ms when the run was submitted
 * @param endedAt      epoch ms when it reached a terminal status, or 0
 * @param events       every event of the run so far, oldest first
 * @param restarts     how many times the job restarted after a failure
 * @param operatorTask the task (chain) each operator runs in, by operator id
 * @param settings     the checkpoint configuration in effect
 * @param restoredFrom the snapshot the run started from, or null
 * @param asOf         for a recorded run replayed at an instant: that instant (epoch ms), which the views
 *                     draw up to; 0 for a live run
 */
public record RunSnapshot(
        long revision,
        String jobId,
        String jobName,
        JobStatus status,
        long startedAt,
        long endedAt,
        MetricsSnapshot metrics,
        CheckpointStatsSnapshot checkpoints,
        List<EngineEvent> events,
        int restarts,
        Map<String, String> operatorTask,
        CheckpointSettings settings,
        String restoredFrom,
        RunHistory history,
        long asOf) {

    /** A live run's snapshot. */
    public RunSnapshot(long revision, String jobId, String jobName, JobStatus status, long startedAt, long endedAt,
                       MetricsSnapshot metrics, CheckpointStatsSnapshot checkpoints, List<EngineEvent> events, int restarts,
                       Map<String, String> operatorTask, CheckpointSettings settings, String restoredFrom, RunHistory history) {
        this(revision, jobId, jobName, status, startedAt, endedAt, metrics, checkpoints, events, restarts, operatorTask,
                settings, restoredFrom, history, 0);
    }

    /** True for a recorded run replayed at an instant ({@link #asOf}). */
    public boolean replayed() {
        return asOf > 0;
    }

    public boolean running() {
        return !status.isTerminal();
    }
}
