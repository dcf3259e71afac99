package io.checkpointstudio.app.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFormatTest {
    private final ObjectMapper mapper = RecordingFormat.mapper();

    @TempDir
    Path dir;

    static final List<EngineEvent> EVERY_KIND = List.of(
            new EngineEvent.JobStatusChanged(1, JobStatus.RUNNING, "started"),
            new EngineEvent.TaskFailed(2, "per-user", 1, "boom", "at x.y(Z.java:1)"),
            new EngineEvent.CheckpointTriggered(3, 7, false, true),
            new EngineEvent.CheckpointAcknowledged(4, 7, "per-user -> out", 0, 1, 2, 3, 4, 5000, true),
            new EngineEvent.CheckpointCompleted(5, 7, 40, 1234, 5678, "/tmp/c/chk-7", false),
            new EngineEvent.CheckpointFailed(6, 8, "timeout", 1, 0),
            new EngineEvent.JobRestarting(7, 1, 100, "boom"),
            new EngineEvent.JobRestored(8, 7, 120, "/tmp/c/chk-7"),
            new EngineEvent.Notice(9, "retained"));

    @Test
    void everyKindOfEngineEventRoundTrips_withItsTypeTag() throws Exception {
        // barrier traces are not run events: they feed the slow motion only and never enter a run's event list
        assertThat(EVERY_KIND.stream().map(e -> e.getClass().getName()).toList()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(EngineEvent.class.getPermittedSubclasses())
                        .filter(c -> c != EngineEvent.BarrierTrace.class).map(Class::getName).toList());
        for (EngineEvent e : EVERY_KIND) {
            String json = mapper.writeValueAsString(e);
            assertThat(json).contains("\"type\":\"" + e.getClass().getSimpleName() + "\"");
            assertThat(mapper.readValue(json, EngineEvent.class)).isEqualTo(e);
        }
    }

    @Test
    void checkpointSettingsRoundTrip() {
        CheckpointSettings s = new CheckpointSettings(true, Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ZERO, 1, 0,
                CheckpointingMode.AT_LEAST_ONCE, false, Duration.ZERO, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION, 2,
                Path.of("/tmp/checkpoints"), null, true);
        assertThat(RecordingFormat.settings(RecordingFormat.settings(mapper, s))).isEqualTo(s);
    }

    @Test
    void aFileWhoseWriterDied_opensUpToItsLastWholeLine() throws Exception {
        Path file = dir.resolve("cut.csrun");
        String header = "{\"k\":\"header\",\"format\":\"" + RecordingFormat.FORMAT + "\",\"jobId\":\"j1\",\"jobName\":\"demo\",\"startedAt\":1}\n";
        String event = "{\"k\":\"event\",\"e\":" + mapper.writeValueAsString(EVERY_KIND.get(0)) + "}\n";
        try (OutputStream raw = Files.newOutputStream(file)) {
            GZIPOutputStream gz = new GZIPOutputStream(raw, true);
            gz.write((header + event + "{\"k\":\"event\",\"e\":{\"ty").getBytes(StandardCharsets.UTF_8));
            gz.flush(); // no trailer: the process died here
        }
        RunRecording r = RunRecording.read(file);
        assertThat(r.complete()).isFalse();
        assertThat(r.jobName()).isEqualTo("demo");
        assertThat(r.events()).containsExactly(EVERY_KIND.get(0));
        RecordedRunPlayer p = new RecordedRunPlayer(r);
        assertThat(p.snapshot().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aFileOfAnotherKind_isRefusedWithItsName() throws IOException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, "{\"format\":\"checkpoint-studio/job@1\"}");
        assertThatThrownBy(() -> RunRecording.read(file)).hasMessageContaining("job.json is not a recorded run");
    }
}
