package io.checkpointstudio.app.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A recorded run read back from its file ({@link RecordingFormat}): everything needed to show the run as
 * it was at any instant. Immutable once read.
 *
 * @param job      the job document that ran, or null when the file holds none that parses
 * @param complete false when the file ends without its {@code end} line (its writer died); it is shown up
 *                 to its last line
 */
public record RunRecording(
        Path file,
        String jobId,
        String jobName,
        long startedAt,
        long endedAt,
        JobStatus endStatus,
        String restoredFrom,
        CheckpointSettings settings,
        Map<String, String> operatorTask,
        JobDocument job,
        List<EngineEvent> events,
        List<MetricsSnapshot> metrics,
        List<TimedCheckpoints> checkpoints,
        boolean complete) {

    /** The checkpoint statistics as they were from {@code at} on. */
    public record TimedCheckpoints(long at, CheckpointStatsSnapshot stats) {
    }

    /** The last instant the recording knows of. */
    public long lastAt() {
        if (endedAt > 0) {
            return endedAt;
        }
        long last = startedAt;
        for (EngineEvent e : events) {
            last = Math.max(last, e.at());
        }
        if (!metrics.isEmpty()) {
            last = Math.max(last, metrics.get(metrics.size() - 1).at());
        }
        return last;
    }

    public static RunRecording read(Path file) throws IOException {
        ObjectMapper m = RecordingFormat.mapper();
        String jobId = null;
        String jobName = null;
        long startedAt = 0;
        long endedAt = 0;
        JobStatus endStatus = null;
        String restoredFrom = null;
        CheckpointSettings settings = null;
        Map<String, String> operatorTask = new LinkedHashMap<>();
        JobDocument job = null;
        List<EngineEvent> events = new ArrayList<>();
        List<MetricsSnapshot> metrics = new ArrayList<>();
        List<TimedCheckpoints> checkpoints = new ArrayList<>();
        boolean header = false;
        boolean complete = false;
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(new String(gunzip(file), StandardCharsets.UTF_8)))) {
            String line;
            while ((line = readLine(in)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = m.readTree(line);
                } catch (IOException e) {
                    break; // a line cut off when the writer died
                }
                switch (n.path("k").asText()) {
                    case "header" -> {
                        if (!RecordingFormat.FORMAT.equals(n.path("format").asText())) {
                            throw new IOException(file.getFileName() + " is not a recorded run (format '" + n.path("format").asText()
                                    + "', expected '" + RecordingFormat.FORMAT + "')");
                        }
                        header = true;
                        jobId = n.path("jobId").asText();
                        jobName = n.path("jobName").asText();
                        startedAt = n.path("startedAt").asLong();
                        restoredFrom = n.hasNonNull("restoredFrom") ? n.get("restoredFrom").asText() : null;
                        settings = RecordingFormat.settings(n.get("settings"));
                        n.path("operatorTask").fields().forEachRemaining(e -> operatorTask.put(e.getKey(), e.getValue().asText()));
                        if (n.has("job")) {
                            job = JobDocuments.parse(m.writeValueAsString(n.get("job"))).document().orElse(null);
                        }
                    }
                    case "event" -> events.add(m.treeToValue(n.get("e"), EngineEvent.class));
                    case "metrics" -> metrics.add(m.treeToValue(n.get("m"), MetricsSnapshot.class));
                    case "checkpoints" -> checkpoints.add(new TimedCheckpoints(n.path("at").asLong(), m.treeToValue(n.get("c"), CheckpointStatsSnapshot.class)));
                    case "end" -> {
                        endedAt = n.path("at").asLong();
                        endStatus = JobStatus.valueOf(n.path("status").asText());
                        complete = true;
                    }
                    default -> {
                        // a kind of line from a newer version: skipped
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file.getFileName() + " is not a recorded run (not gzip'd JSON lines)", e);
        }
        if (!header) {
            throw new IOException(file.getFileName() + " is not a recorded run: it has no header line");
        }
        return new RunRecording(file, jobId, jobName, startedAt, endedAt, endStatus, restoredFrom, settings, Map.copyOf(operatorTask), job,
                List.copyOf(events), List.copyOf(metrics), List.copyOf(checkpoints), complete);
    }

    private static String readLine(BufferedReader in) throws IOException {
        return in.readLine();
    }

    /** The decompressed bytes, also of a file whose gzip trailer was never written (up to what was flushed). */
    private static byte[] gunzip(Path file) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (EOFException e) {
            // cut off: keep what came before
        }
        return out.toByteArray();
    }
}
