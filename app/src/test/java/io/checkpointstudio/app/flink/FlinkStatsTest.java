package io.checkpointstudio.app.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Responses of a real Flink 2.3 REST endpoint (a MiniCluster running clicks-per-user, recorded by
 * flink-runner's FlinkRestFieldsTest with {@code -Dflink.rest.samples=DIR}) read into the monitor's records.
 */
class FlinkStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void flinksCheckpointStatistics_becomeTheMonitorsSnapshot() throws Exception {
        // given
        JsonNode checkpoints = read("checkpoints.json");
        JsonNode details = read("checkpoint-details.json");
        JsonNode subtasks = read("checkpoint-subtasks.json");
        String vertex = details.get("tasks").fieldNames().next();
        long detailed = details.get("id").asLong();

        // when
        TaskCheckpointStats task = FlinkStats.task(vertex, "Source: clicks -> logged-in -> pair",
                details.at("/tasks/" + vertex + "/num_subtasks").asInt(), subtasks);
        CheckpointStatsSnapshot s = FlinkStats.snapshot(checkpoints, id -> id == detailed ? List.of(task) : List.of());

        // then
        assertThat(s.counts().completed()).isEqualTo(checkpoints.at("/counts/completed").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.counts().total()).isEqualTo(checkpoints.at("/counts/total").asLong());
        assertThat(s.latestCompleted().id()).isEqualTo(checkpoints.at("/latest/completed/id").asLong());
        assertThat(s.latestCompleted().status()).isEqualTo(CheckpointStatus.COMPLETED);
        assertThat(s.latestCompleted().externalPath()).contains("chk-");
        assertThat(s.latestCompleted().stateSize()).isPositive();
        assertThat(s.latestRestored()).isNull();
        assertThat(s.history()).hasSize(checkpoints.get("history").size());
        assertThat(s.summary().endToEndDuration().max()).isEqualTo(checkpoints.at("/summary/end_to_end_duration/max").asLong());
        assertThat(task.numAcknowledgedSubtasks()).isEqualTo(task.numSubtasks()).isEqualTo(2);
        assertThat(task.subtasks().get(0).syncDuration()).isEqualTo(subtasks.at("/subtasks/0/checkpoint/sync").asLong());
        assertThat(task.subtasks().get(0).startDelay()).isEqualTo(subtasks.at("/subtasks/0/start_delay").asLong());
        assertThat(task.stateSize()).isEqualTo(details.at("/tasks/" + vertex + "/state_size").asLong());
    }

    @Test
    void flinksCheckpointConfig_becomesTheSettings_withWhatItDoesNotSayUnknown() throws Exception {
        CheckpointSettings st = FlinkStats.settings(read("checkpoints-config.json"));

        assertThat(st.enabled()).isTrue();
        assertThat(st.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(st.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(st.mode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(st.retention()).isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(st.numRetained()).isEqualTo(-1);
        assertThat(st.directory()).isNull();
    }

    @Test
    void disabledPeriodicCheckpoints_areOff() {
        assertThat(FlinkStats.settings(JSON.createObjectNode().put("interval", Long.MAX_VALUE)).enabled()).isFalse();
    }

    private static JsonNode read(String name) throws Exception {
        try (InputStream in = FlinkStatsTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return JSON.readTree(in);
        }
    }
}
