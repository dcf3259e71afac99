package io.checkpointstudio.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of Flink's REST API the monitor reads and the savepoint buttons call, with the JDK's HTTP
 * client and Jackson (no Flink classes): the job list, a job with its vertices, its checkpoint statistics,
 * configuration and details, and savepoint / stop-with-savepoint triggers with their status. Our engine's
 * {@code run --rest-port} serves the same paths and field names. Every call blocks: call it off the JavaFX
 * thread.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;

    /** A job as the job list shows it; {@code name} is empty where the server does not list names. */
    public record JobInfo(String id, String name, String state) {
        @Override
        public String toString() {
            return (name.isEmpty() ? id : name + "  (" + id + ")") + "  " + state;
        }
    }

    /** A savepoint operation's status: not done yet, done with a location, or done with a failure. */
    public record SavepointStatus(boolean done, String location, String failure) {
    }

    /** A non-2xx answer, with Flink's {@code errors} text when there is one. */
    public static final class RestException extends IOException {
        private final int status;

        RestException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** {@code url} is the REST root, e.g. {@code http://localhost:8081}. */
    public FlinkRestClient(String url) {
        String u = url.trim();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        this.base = URI.create(u.endsWith("/") ? u : u + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** The jobs of the cluster, from {@code /jobs/overview} (ids, names, states) or else {@code /jobs} (ids, states). */
    public List<JobInfo> jobs() throws IOException {
        JsonNode body;
        try {
            body = get("jobs/overview");
        } catch (RestException e) {
            body = get("jobs");
        }
        List<JobInfo> jobs = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            String id = text(j, "jid", text(j, "id", ""));
            jobs.add(new JobInfo(id, text(j, "name", ""), text(j, "state", text(j, "status", ""))));
        }
        return jobs;
    }

    /** {@code /jobs/:id}: state, name, times, vertices with their record counters. */
    public JsonNode job(String jobId) throws IOException {
        return get("jobs/" + jobId);
    }

    /** {@code /jobs/:id/checkpoints}: counts, summary, latest, history. */
    public JsonNode checkpoints(String jobId) throws IOException {
        return get("jobs/" + jobId + "/checkpoints");
    }

    /** {@code /jobs/:id/checkpoints/config}; empty when the job does not checkpoint (Flink answers 404 then). */
    public Optional<JsonNode> checkpointConfig(String jobId) throws IOException {
        return optional("jobs/" + jobId + "/checkpoints/config");
    }

    /** {@code /jobs/:id/checkpoints/details/:cid}; empty when the server no longer keeps that checkpoint. */
    public Optional<JsonNode> checkpointDetails(String jobId, long checkpointId) throws IOException {
        return optional("jobs/" + jobId + "/checkpoints/details/" + checkpointId);
    }

    /** {@code /jobs/:id/checkpoints/details/:cid/subtasks/:vertex}; empty when no longer kept. */
    public Optional<JsonNode> subtaskDetails(String jobId, long checkpointId, String vertexId) throws IOException {
        return optional("jobs/" + jobId + "/checkpoints/details/" + checkpointId + "/subtasks/" + vertexId);
    }

    /**
     * {@code /jobs/:id/vertices/:vid/subtasks/metrics}: the ids of the vertex's metrics, or with {@code names}
     * their values aggregated over the subtasks (min, max, avg, sum); empty when the server has no such endpoint.
     */
    public Optional<JsonNode> subtaskMetrics(String jobId, String vertexId, List<String> names) throws IOException {
        String path = "jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics";
        if (!names.isEmpty()) {
            path += "?get=" + String.join(",", names.stream()
                    .map(n -> java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
        return optional(path);
    }

    /** POST {@code /jobs/:id/savepoints}; {@code targetDirectory} null uses the cluster's default. Returns the trigger id. */
    public String triggerSavepoint(String jobId, String targetDirectory, boolean cancelJob) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("target-directory", targetDirectory);
        }
        body.put("cancel-job", cancelJob);
        return post("jobs/" + jobId + "/savepoints", body).path("request-id").asText();
    }

    /** POST {@code /jobs/:id/stop} (stop-with-savepoint; {@code drain} ends the sources first). Returns the trigger id. */
    public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("drain", drain);
        return post("jobs/" + jobId + "/stop", body).path("request-id").asText();
    }

    /** GET {@code /jobs/:id/savepoints/:triggerid}. */
    public SavepointStatus savepointStatus(String jobId, String triggerId) throws IOException {
        JsonNode s = get("jobs/" + jobId + "/savepoints/" + triggerId);
        if (!"COMPLETED".equals(s.at("/status/id").asText())) {
            return new SavepointStatus(false, null, null);
        }
        JsonNode failure = s.at("/operation/failure-cause");
        if (!failure.isMissingNode() && !failure.isNull()) {
            String message = text(failure, "stack-trace", failure.toString());
            return new SavepointStatus(true, null, firstLine(message));
        }
        return new SavepointStatus(true, text(s.path("operation"), "location", null), null);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private Optional<JsonNode> optional(String path) throws IOException {
        try {
            return Optional.of(get(path));
        } catch (RestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private JsonNode send(HttpRequest request) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + request.uri(), e);
        }
        JsonNode body;
        try {
            body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new RestException(r.statusCode(), request.method() + " " + request.uri() + " answered " + r.statusCode()
                    + " with a body that is not JSON: is this Flink's REST address?");
        }
        if (r.statusCode() / 100 != 2) {
            String errors = body.path("errors").isArray() && !body.path("errors").isEmpty()
                    ? firstLine(body.path("errors").get(0).asText()) : "HTTP " + r.statusCode();
            throw new RestException(r.statusCode(), request.method() + " " + request.uri() + ": " + errors);
        }
        return body;
    }

    static String text(JsonNode n, String field, String otherwise) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }
}
