package io.checkpointstudio.app.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The recorded-run file ({@code .csrun}): gzip'd JSON lines, one object per line, its kind in {@code k}:
 *
 * <pre>
 * {"k":"header","format":"checkpoint-studio/run@1","jobId":…,"jobName":…,"startedAt":…,"settings":{…},"operatorTask":{…},"job":{the job document}}
 * {"k":"event","e":{"type":"CheckpointCompleted","at":…,…}}     every engine event, in order
 * {"k":"metrics","m":{…MetricsSnapshot…}}                       per-operator figures, at most 4 per second
 * {"k":"checkpoints","at":…,"c":{…CheckpointStatsSnapshot…}}    Flink-shaped statistics when a checkpoint starts, completes or fails
 * {"k":"end","at":…,"status":"FINISHED"}
 * </pre>
 *
 * Times are epoch milliseconds. Paths inside (checkpoint folders) are only shown, never opened, so a file
 * opens on any machine. A file whose writer died has no {@code end}; it opens up to its last line.
 */
public final class RecordingFormat {
    public static final String FORMAT = "checkpoint-studio/run@1";
    public static final String EXTENSION = ".csrun";

    private RecordingFormat() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface EventMixin {
    }

    /** The mapper for records of the engine: events carry their type's simple name in {@code type}. */
    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.addMixIn(EngineEvent.class, EventMixin.class);
        for (Class<?> c : EngineEvent.class.getPermittedSubclasses()) {
            m.registerSubtypes(new NamedType(c, c.getSimpleName()));
        }
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return m;
    }

    static ObjectNode settings(ObjectMapper m, CheckpointSettings s) {
        ObjectNode n = m.createObjectNode();
        if (s == null) {
            return n;
        }
        n.put("enabled", s.enabled());
        putMillis(n, "intervalMs", s.interval());
        putMillis(n, "timeoutMs", s.timeout());
        putMillis(n, "minPauseMs", s.minPause());
        n.put("maxConcurrent", s.maxConcurrent());
        n.put("tolerableFailures", s.tolerableFailures());
        n.put("mode", s.mode() == null ? null : s.mode().name());
        n.put("unaligned", s.unaligned());
        putMillis(n, "alignedTimeoutMs", s.alignedTimeout());
        n.put("retention", s.retention() == null ? null : s.retention().name());
        n.put("numRetained", s.numRetained());
        n.put("directory", s.directory() == null ? null : s.directory().toString());
        n.put("savepointDirectory", s.savepointDirectory() == null ? null : s.savepointDirectory().toString());
        n.put("afterTasksFinish", s.afterTasksFinish());
        return n;
    }

    static CheckpointSettings settings(JsonNode n) {
        if (n == null || !n.has("enabled")) {
            return null;
        }
        return new CheckpointSettings(n.path("enabled").asBoolean(), millis(n, "intervalMs"), millis(n, "timeoutMs"), millis(n, "minPauseMs"),
                n.path("maxConcurrent").asInt(), n.path("tolerableFailures").asInt(),
                n.hasNonNull("mode") ? CheckpointingMode.valueOf(n.get("mode").asText()) : null, n.path("unaligned").asBoolean(),
                millis(n, "alignedTimeoutMs"),
                n.hasNonNull("retention") ? ExternalizedCheckpointRetention.valueOf(n.get("retention").asText()) : null,
                n.path("numRetained").asInt(), path(n, "directory"), path(n, "savepointDirectory"), n.path("afterTasksFinish").asBoolean());
    }

    private static void putMillis(ObjectNode n, String name, Duration d) {
        if (d != null) {
            n.put(name, d.toMillis());
        }
    }

    private static Duration millis(JsonNode n, String name) {
        return n.hasNonNull(name) ? Duration.ofMillis(n.get(name).asLong()) : null;
    }

    private static Path path(JsonNode n, String name) {
        if (!n.hasNonNull(name)) {
            return null;
        }
        try {
            return Path.of(n.get(name).asText());
        } catch (java.nio.file.InvalidPathException e) {
            return null; // a path of another operating system: only shown, so leave it out
        }
    }
}
