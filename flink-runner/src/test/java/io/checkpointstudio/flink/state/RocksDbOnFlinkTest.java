package io.checkpointstudio.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.run.RestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's production backend on Flink: the translated clicks-per-user job with {@code rocksdb} and
 * incremental checkpoints completes its checkpoints, and incremental ones upload less than the whole state. No
 * failed checkpoint is tolerated, so one failing upload fails the job. (Flink's RocksDB build, frocksdbjni,
 * must be the only {@code org.rocksdb} on the class path: with the engine's rocksdbjni beside it every
 * incremental upload failed with "streamStateHandle cannot be null".)
 */
class RocksDbOnFlinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void incrementalRocksDb_completesCheckpoints_uploadingLessThanTheState(@TempDir Path dir) throws Exception {
        // given clicks-per-user over 200,000 users, endless and rate limited, on rocksdb with incremental checkpoints every 300 ms
        ValidatedJob job = RestRun.endlessClicksPerUser(dir, 200_000, 50_000, "state.backend.type", "rocksdb",
                "execution.checkpointing.incremental", true, "execution.checkpointing.interval", "300ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 0, "restart-strategy.type", "none");

        // when it runs until four checkpoints have completed
        RestRun run = RestRun.start(job);
        JobClient client = run.client();
        String jobUrl = run.jobUrl();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode checkpoints = get(jobUrl + "/checkpoints");
            while (checkpoints.at("/counts/completed").asLong() < 4 && System.nanoTime() < deadline
                    && !client.getJobStatus().get().isTerminalState()) {
                Thread.sleep(100);
                checkpoints = get(jobUrl + "/checkpoints");
            }

            // then the job still runs (a failed upload would have failed it), no checkpoint failed while running, and
            // the incremental ones uploaded only part of the state
            assertThat(client.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState()).as("the job stopped: " + checkpoints).isFalse();
            assertThat(checkpoints.at("/counts/completed").asLong()).as(checkpoints.toString()).isGreaterThanOrEqualTo(4);
            assertThat(checkpoints.at("/latest/failed").isNull()).as(checkpoints.toString()).isTrue();
            List<JsonNode> incremental = new ArrayList<>();
            for (JsonNode c : checkpoints.get("history")) {
                // the newest may still be under way (one every 300 ms): none failed
                assertThat(c.get("status").asText()).as(c.toString()).isIn("COMPLETED", "IN_PROGRESS");
                if (!"COMPLETED".equals(c.get("status").asText())) {
                    continue;
                }
                if (c.get("checkpointed_size").asLong() < c.get("state_size").asLong()) {
                    incremental.add(c);
                }
            }
            assertThat(incremental).as(checkpoints.toString()).isNotEmpty();
            // the retained checkpoint is on disk; the one the statistics named may have been subsumed since by a newer one
            JsonNode latest = checkpoints.at("/latest/completed");
            Path jobFolder = Path.of(URI.create(latest.get("external_path").asText())).getParent();
            assertThat(jobFolder).isDirectoryRecursivelyContaining("glob:**/chk-*/_metadata");
        } finally {
            client.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
