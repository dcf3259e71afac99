package io.checkpointstudio.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.run.RestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST fields the app's Flink monitor ({@code app/.../flink/FlinkStats}, {@code FlinkRestClient}) reads,
 * checked against a real Flink 2.3 MiniCluster's REST endpoint: job list, job vertices and record counters,
 * checkpoint counts, summary, history, details with per-subtask figures, per-operator record counters of a
 * chained vertex, the checkpoint config, and a
 * savepoint and a stop-with-savepoint through their triggers. (The app must not depend on Flink, so it is
 * tested against our engine's RestServer, which serves the same fields; with {@code -Dflink.rest.samples=DIR}
 * this test also writes the responses it saw, the fixtures of the app's FlinkStatsTest.)
 */
class FlinkRestFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void miniClusterRest_servesTheFieldsTheAppReads(@TempDir Path dir) throws Exception {
        // given clicks-per-user, unbounded and rate limited, checkpointing every 200 ms, on a MiniCluster with REST on a free port
        ValidatedJob job = RestRun.endlessClicksPerUser(dir, 0, 20_000, "execution.checkpointing.interval", "200ms");
        RestRun run = RestRun.start(job);
        JobClient client = run.client();
        String base = run.baseUrl();
        String jobUrl = run.jobUrl();
        JobDocument doc = job.document();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode checkpoints = get(jobUrl + "/checkpoints");
            while (checkpoints.at("/counts/completed").asLong() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                checkpoints = get(jobUrl + "/checkpoints");
            }

            // when
            JsonNode overview = get(base + "/jobs/overview");
            JsonNode jobJson = get(jobUrl);
            JsonNode config = get(jobUrl + "/checkpoints/config");
            long id = checkpoints.at("/latest/completed/id").asLong();
            JsonNode details = get(jobUrl + "/checkpoints/details/" + id);
            String vertex = details.get("tasks").fieldNames().next();
            JsonNode subtasks = get(jobUrl + "/checkpoints/details/" + id + "/subtasks/" + vertex);
            String sourceVertex = jobJson.at("/vertices/0/id").asText();
            JsonNode metricList = get(jobUrl + "/vertices/" + sourceVertex + "/subtasks/metrics");
            JsonNode metricValues = get(jobUrl + "/vertices/" + sourceVertex
                    + "/subtasks/metrics?get=Source__clicks.numRecordsOut,logged-in.numRecordsIn,logged-in.numRecordsOut,pair.numRecordsOut");
            save(metricList, "vertex-metrics-list.json");
            save(metricValues, "vertex-metrics-values.json");
            save(overview, "jobs-overview.json");
            save(jobJson, "job.json");
            save(checkpoints, "checkpoints.json");
            save(config, "checkpoints-config.json");
            save(details, "checkpoint-details.json");
            save(subtasks, "checkpoint-subtasks.json");

            // then the fields the app reads are there, with these names
            assertThat(overview.at("/jobs/0/jid").asText()).isEqualTo(client.getJobID().toHexString());
            assertThat(overview.at("/jobs/0/name").asText()).isEqualTo(doc.name());
            assertThat(overview.at("/jobs/0/state").asText()).isEqualTo("RUNNING");
            assertThat(jobJson.get("state").asText()).isEqualTo("RUNNING");
            assertThat(jobJson.get("start-time").asLong()).isPositive();
            JsonNode v = jobJson.at("/vertices/0");
            for (String f : new String[] {"id", "name", "parallelism"}) {
                assertThat(v.has(f)).as(f).isTrue();
            }
            assertThat(v.at("/metrics/write-records").isNumber()).isTrue();
            assertThat(v.at("/metrics/read-records").isNumber()).isTrue();
            for (String f : new String[] {"restored", "total", "in_progress", "completed", "failed"}) {
                assertThat(checkpoints.at("/counts/" + f).isNumber()).as(f).isTrue();
            }
            for (String f : new String[] {"checkpointed_size", "state_size", "end_to_end_duration", "processed_data", "persisted_data"}) {
                assertThat(checkpoints.at("/summary/" + f + "/p99").isNumber()).as(f).isTrue();
            }
            JsonNode latest = checkpoints.at("/latest/completed");
            for (String f : new String[] {"id", "status", "is_savepoint", "checkpoint_type", "trigger_timestamp", "latest_ack_timestamp",
                "end_to_end_duration", "checkpointed_size", "state_size", "processed_data", "persisted_data", "num_subtasks",
                "num_acknowledged_subtasks", "external_path", "discarded"}) {
                assertThat(latest.has(f)).as(f).isTrue();
            }
            assertThat(latest.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(checkpoints.get("history").isArray()).isTrue();
            assertThat(details.at("/tasks/" + vertex + "/num_subtasks").asInt()).isPositive();
            JsonNode first = subtasks.at("/subtasks/0");
            assertThat(first.get("status").asText()).isEqualToIgnoringCase("completed");
            for (String f : new String[] {"/index", "/ack_timestamp", "/end_to_end_duration", "/state_size", "/checkpoint/sync",
                "/checkpoint/async", "/alignment/processed", "/alignment/persisted", "/alignment/duration", "/start_delay",
                "/unaligned_checkpoint"}) {
                assertThat(first.at(f).isMissingNode()).as(f).isFalse();
            }
            // each chained operator's record counters, named after the operator (the document's id), summed over the subtasks
            assertThat(jobJson.at("/vertices/0/name").asText()).isEqualTo("Source: clicks -> logged-in -> pair");
            List<String> metricIds = new ArrayList<>();
            metricList.forEach(m -> metricIds.add(m.get("id").asText()));
            assertThat(metricIds).contains("Source__clicks.numRecordsOut", "logged-in.numRecordsIn", "logged-in.numRecordsOut",
                    "pair.numRecordsIn", "pair.numRecordsOut");
            assertThat(metricValues.size()).isEqualTo(4);
            metricValues.forEach(m -> assertThat(m.get("sum").asDouble()).as(m.toString()).isPositive());
            assertThat(config.get("mode").asText()).isEqualTo("exactly_once");
            assertThat(config.get("interval").asLong()).isEqualTo(200);
            for (String f : new String[] {"timeout", "min_pause", "max_concurrent", "tolerable_failed_checkpoints", "unaligned_checkpoints",
                "aligned_checkpoint_timeout", "checkpoints_after_tasks_finish"}) {
                assertThat(config.has(f)).as(f).isTrue();
            }
            assertThat(config.at("/externalization/enabled").asBoolean()).isTrue();
            assertThat(config.at("/externalization/delete_on_cancellation").asBoolean()).isFalse();

            // and a savepoint, then a stop-with-savepoint, complete through their triggers
            String savepoint = awaitLocation(jobUrl, post(jobUrl + "/savepoints",
                    "{\"target-directory\": \"" + dir.resolve("sp").toUri() + "\", \"cancel-job\": false}"));
            assertThat(Path.of(URI.create(savepoint))).isDirectoryContaining("glob:**/_metadata");
            String stopped = awaitLocation(jobUrl, post(jobUrl + "/stop", "{\"targetDirectory\": \"" + dir.resolve("sp").toUri()
                    + "\", \"drain\": false}"));
            assertThat(Path.of(URI.create(stopped))).isDirectoryContaining("glob:**/_metadata");
            assertThat(client.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        } catch (Throwable t) {
            client.cancel(); // the local MiniCluster shuts down with its job
            throw t;
        }
    }

    private static void save(JsonNode body, String name) throws Exception {
        String to = System.getProperty("flink.rest.samples");
        if (to != null) {
            Files.createDirectories(Path.of(to));
            Files.writeString(Path.of(to, name), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        }
    }

    private String post(String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("request-id").asText();
    }

    private String awaitLocation(String jobUrl, String trigger) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = get(jobUrl + "/savepoints/" + trigger);
            if (s.at("/status/id").asText().equals("COMPLETED")) {
                assertThat(s.at("/operation/failure-cause").isMissingNode()).as(s.toString()).isTrue();
                return s.at("/operation/location").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("savepoint " + trigger + " did not complete");
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
