package io.checkpointstudio.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void runningJob_servesCheckpointStatisticsWithFlinksFieldNames(@TempDir Path checkpoints) throws Exception {
        // given a job that checkpoints every 50 ms and runs for a while
        var config = Map.<String, Object>of("execution.checkpointing.interval", "50ms",
                "execution.checkpointing.dir", checkpoints.toString());
        var doc = ClicksJob.document(0, 1000, 2, config).withOperator(
                io.checkpointstudio.engine.job.OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks",
                        Map.of("events", 0L, "users", 1000L, "eventsPerSecond", 200_000L)));
        try (RestServer rest = RestServer.start(0);
             JobExecution job = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults())) {
            rest.register(job);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (job.checkpoints().counts().completed() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String base = "http://127.0.0.1:" + rest.port();

            // when
            JsonNode jobs = get(base + "/jobs");
            JsonNode checkpointsJson = get(base + "/jobs/" + job.jobId() + "/checkpoints");
            JsonNode config2 = get(base + "/jobs/" + job.jobId() + "/checkpoints/config");
            long id = checkpointsJson.at("/latest/completed/id").asLong();
            JsonNode details = get(base + "/jobs/" + job.jobId() + "/checkpoints/details/" + id);
            JsonNode subtasks = get(base + "/jobs/" + job.jobId() + "/checkpoints/details/" + id + "/subtasks/" + ClicksJob.SUM);

            // then
            assertThat(jobs.at("/jobs/0/id").asText()).isEqualTo(job.jobId());
            assertThat(checkpointsJson.at("/counts/completed").asLong()).isGreaterThanOrEqualTo(2);
            for (String field : new String[] {"checkpointed_size", "state_size", "end_to_end_duration", "processed_data", "persisted_data"}) {
                assertThat(checkpointsJson.at("/summary/" + field).has("p99")).as(field).isTrue();
            }
            assertThat(checkpointsJson.at("/latest/completed/state_size").asLong()).isPositive();
            assertThat(checkpointsJson.at("/latest/completed/external_path").asText()).contains("chk-" + id);
            assertThat(config2.get("mode").asText()).isEqualTo("exactly_once");
            assertThat(config2.get("interval").asLong()).isEqualTo(50);
            assertThat(config2.at("/externalization/enabled").asBoolean()).isFalse();
            assertThat(details.at("/tasks/" + ClicksJob.SUM + "/num_acknowledged_subtasks").asInt()).isEqualTo(2);
            assertThat(subtasks.get("subtasks")).hasSize(2);
            JsonNode first = subtasks.get("subtasks").get(0);
            assertThat(first.get("className").asText()).isEqualTo("completed");
            assertThat(first.has("start_delay")).isTrue();
            assertThat(first.at("/checkpoint/sync").isNumber()).isTrue();
            assertThat(first.at("/alignment/duration").isNumber()).isTrue();
            assertThat(first.has("unaligned_checkpoint")).isTrue();
            assertThat(status(base + "/jobs/" + job.jobId() + "/checkpoints/details/999999")).isEqualTo(404);
            assertThat(status(base + "/jobs/ffff")).isEqualTo(404);
            job.cancel();
        }
    }

    @Test
    void postSavepoint_thenStop_reportTheirLocationsThroughTheTriggerId(@TempDir Path dir) throws Exception {
        var doc = ClicksJob.document(0, 1000, 2, Map.of("execution.checkpointing.savepoint-dir", dir.resolve("sp").toString()))
                .withOperator(io.checkpointstudio.engine.job.OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks",
                        Map.of("events", 0L, "users", 1000L, "eventsPerSecond", 100_000L)));
        try (RestServer rest = RestServer.start(0);
             JobExecution job = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults())) {
            rest.register(job);
            String base = "http://127.0.0.1:" + rest.port() + "/jobs/" + job.jobId();
            Thread.sleep(300);

            String savepoint = awaitLocation(base, post(base + "/savepoints", "{\"cancel-job\": false}"));
            assertThat(Path.of(URI.create(savepoint))).isDirectory().isDirectoryContaining("glob:**/_metadata");
            assertThat(job.status().name()).isEqualTo("RUNNING");

            String stopped = awaitLocation(base, post(base + "/stop", "{\"drain\": false}"));
            assertThat(Path.of(URI.create(stopped)).getFileName().toString()).startsWith("savepoint-");
            assertThat(job.result().get(30, java.util.concurrent.TimeUnit.SECONDS).status().name()).isEqualTo("FINISHED");
            assertThat(status(base + "/savepoints/0000")).isEqualTo(404);
        }
    }

    private String post(String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(202);
        return JSON.readTree(r.body()).get("request-id").asText();
    }

    private String awaitLocation(String base, String trigger) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = get(base + "/savepoints/" + trigger);
            if (s.at("/status/id").asText().equals("COMPLETED")) {
                assertThat(s.at("/operation/failure-cause").isMissingNode()).as(s.toString()).isTrue();
                return s.at("/operation/location").asText();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("savepoint " + trigger + " did not complete");
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
