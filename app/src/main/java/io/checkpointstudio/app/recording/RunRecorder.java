package io.checkpointstudio.app.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one live run to its {@code .csrun} file as it goes, on the recorder's own thread (never the
 * JavaFX thread): four times a second it takes the run's latest snapshot and appends what is new — events,
 * a metrics sample when the figures changed, the checkpoint statistics when a checkpoint started,
 * completed or failed — and flushes, so the file is readable up to there even if the app dies. When the
 * run has ended it writes the last of it and the {@code end} line and closes the file.
 */
public final class RunRecorder {
    static final long PERIOD_MS = 250;

    private final LiveRun run;
    private final Path file;
    private final ObjectMapper mapper = RecordingFormat.mapper();
    private final Writer out;
    private final CompletableFuture<Path> finished = new CompletableFuture<>();
    private ScheduledFuture<?> task;
    private int eventsWritten;
    private long lastMetricsRevision = -1;
    private long lastMetricsAt;
    private String lastCheckpointCounts = "";

    private RunRecorder(LiveRun run, JobDocument job, Path file) throws IOException {
        this.run = run;
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 8192, true), StandardCharsets.UTF_8);
        RunSnapshot s = run.snapshot();
        ObjectNode h = mapper.createObjectNode();
        h.put("k", "header");
        h.put("format", RecordingFormat.FORMAT);
        h.put("jobId", s.jobId());
        h.put("jobName", s.jobName());
        h.put("startedAt", s.startedAt());
        if (s.restoredFrom() != null) {
            h.put("restoredFrom", s.restoredFrom());
        }
        h.set("settings", RecordingFormat.settings(mapper, s.settings()));
        h.set("operatorTask", mapper.valueToTree(s.operatorTask()));
        if (job != null) {
            h.set("job", mapper.readTree(JobDocuments.toJson(job)));
        }
        line(h);
        out.flush();
    }

    /** Starts recording {@code run} into {@code file}; the work runs on {@code executor}. */
    public static RunRecorder start(LiveRun run, JobDocument job, Path file, ScheduledExecutorService executor) throws IOException {
        RunRecorder r = new RunRecorder(run, job, file);
        r.task = executor.scheduleWithFixedDelay(r::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return r;
    }

    public Path file() {
        return file;
    }

    /** Completes with the file once the run ended and the file is closed (exceptionally if writing failed). */
    public CompletableFuture<Path> finished() {
        return finished;
    }

    private void tick() {
        if (finished.isDone()) {
            return;
        }
        try {
            RunSnapshot s = run.snapshot();
            boolean ended = !s.running() && s.endedAt() > 0;
            write(s, ended);
            if (ended) {
                ObjectNode end = mapper.createObjectNode();
                end.put("k", "end");
                end.put("at", s.endedAt());
                end.put("status", s.status().name());
                line(end);
                out.close();
                task.cancel(false);
                finished.complete(file);
            } else {
                out.flush();
            }
        } catch (Throwable e) {
            task.cancel(false);
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing
            }
            finished.completeExceptionally(e);
        }
    }

    private void write(RunSnapshot s, boolean last) throws IOException {
        List<EngineEvent> events = s.events();
        for (int i = eventsWritten; i < events.size(); i++) {
            ObjectNode n = mapper.createObjectNode();
            n.put("k", "event");
            n.set("e", mapper.valueToTree(events.get(i)));
            line(n);
        }
        eventsWritten = events.size();
        CheckpointStatsSnapshot cp = s.checkpoints();
        var c = cp.counts();
        String counts = c.total() + "/" + c.completed() + "/" + c.failed() + "/" + c.restored() + "/" + c.inProgress();
        if (!counts.equals(lastCheckpointCounts)) {
            lastCheckpointCounts = counts;
            ObjectNode n = mapper.createObjectNode();
            n.put("k", "checkpoints");
            long changed = latestChange(cp);
            n.put("at", changed > 0 ? changed : System.currentTimeMillis());
            n.set("c", mapper.valueToTree(cp));
            line(n);
        }
        if (s.metrics().revision() != lastMetricsRevision && (last || s.metrics().at() - lastMetricsAt >= PERIOD_MS)) {
            lastMetricsRevision = s.metrics().revision();
            lastMetricsAt = s.metrics().at();
            ObjectNode n = mapper.createObjectNode();
            n.put("k", "metrics");
            n.set("m", mapper.valueToTree(s.metrics()));
            line(n);
        }
    }

    /** When the statistics last changed: the newest trigger, acknowledgement or failure time in them. */
    private static long latestChange(CheckpointStatsSnapshot cp) {
        long at = 0;
        for (var c : cp.history()) {
            at = Math.max(at, Math.max(c.triggerTimestamp(), Math.max(c.latestAckTimestamp(), c.failureTimestamp())));
        }
        if (cp.latestRestored() != null) {
            at = Math.max(at, cp.latestRestored().restoreTimestamp());
        }
        return at;
    }

    private void line(ObjectNode n) throws IOException {
        out.write(mapper.writeValueAsString(n));
        out.write('\n');
    }
}
