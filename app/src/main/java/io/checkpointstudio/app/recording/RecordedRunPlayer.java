package io.checkpointstudio.app.recording;

import io.checkpointstudio.app.session.RunHistory;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.RunSource;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recorded run shown at a chosen instant: {@link #seek} rebuilds the {@link RunSnapshot} the live run had
 * then — the events up to that instant, the newest metrics and checkpoint statistics recorded by then,
 * the chart series up to then — so every monitor view shows the recording as it showed the run.
 * {@link #live()} is false: nothing can be commanded.
 */
public final class RecordedRunPlayer implements RunSource {
    private final RunRecording recording;
    private final long start;
    private final long end;
    private volatile RunSnapshot snapshot;
    private long revision;
    private long time;
    private RunHistory history = new RunHistory();
    private int historyMetrics;
    private int historyCheckpoints;

    public RecordedRunPlayer(RunRecording recording) {
        this.recording = recording;
        this.start = recording.startedAt();
        this.end = Math.max(start + 1, recording.lastAt());
        seek(end);
    }

    public RunRecording recording() {
        return recording;
    }

    /** The first instant (the run's submission), epoch ms. */
    public long start() {
        return start;
    }

    /** The last instant (the run's end, or the last thing recorded), epoch ms. */
    public long end() {
        return end;
    }

    /** The instant shown. */
    public long time() {
        return time;
    }

    @Override
    public RunSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public String jobName() {
        return recording.jobName();
    }

    @Override
    public String origin() {
        return "recorded";
    }

    /** Shows the run as it was at {@code at} (clamped to the recording's range). Call on one thread (the JavaFX thread). */
    public void seek(long at) {
        long t = Math.max(start, Math.min(end, at));
        if (t < time) {
            history = new RunHistory(); // the series only grow: going back starts them again
            historyMetrics = 0;
            historyCheckpoints = 0;
        }
        time = t;
        List<EngineEvent> events = new ArrayList<>();
        JobStatus status = JobStatus.CREATED;
        int restarts = 0;
        for (EngineEvent e : recording.events()) {
            if (e.at() > t) {
                continue;
            }
            events.add(e);
            if (e instanceof EngineEvent.JobStatusChanged c) {
                status = c.status();
            } else if (e instanceof EngineEvent.JobRestarting) {
                restarts++;
            }
        }
        boolean ended = recording.endedAt() > 0 && t >= recording.endedAt();
        if (ended && recording.endStatus() != null) {
            status = recording.endStatus();
        }
        MetricsSnapshot metrics = new MetricsSnapshot(0, start, JobStatus.CREATED, 0, List.of());
        List<MetricsSnapshot> all = recording.metrics();
        for (MetricsSnapshot m : all) {
            if (m.at() <= t) {
                metrics = m;
            }
        }
        while (historyMetrics < all.size() && all.get(historyMetrics).at() <= t) {
            history.record(all.get(historyMetrics++));
        }
        CheckpointStatsSnapshot checkpoints = CheckpointStatsSnapshot.EMPTY;
        List<RunRecording.TimedCheckpoints> cps = recording.checkpoints();
        for (RunRecording.TimedCheckpoints c : cps) {
            if (c.at() <= t) {
                checkpoints = c.stats();
            }
        }
        while (historyCheckpoints < cps.size() && cps.get(historyCheckpoints).at() <= t) {
            history.record(cps.get(historyCheckpoints++).stats().history());
        }
        Map<String, String> tasks = recording.operatorTask();
        snapshot = new RunSnapshot(++revision, recording.jobId(), recording.jobName(), status, start, ended ? recording.endedAt() : 0,
                metrics, checkpoints, List.copyOf(events), restarts, tasks, recording.settings(), recording.restoredFrom(), history, t);
    }
}
