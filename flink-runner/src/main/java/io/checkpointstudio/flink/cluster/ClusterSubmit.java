package io.checkpointstudio.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.translate.FlinkConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code flink run JOB.json --cluster URL}: uploads the job jar (flink-runner and the engine without Flink,
 * {@code flink-runner/target/flink-runner-job.jar}) with {@code POST /jars/upload} and runs it with
 * {@code POST /jars/:jarid/run}: entry class {@link ClusterJobMain}, the job document as its program
 * arguments and the job's config as {@code flinkConfiguration}. Plain JDK HTTP and Jackson.
 */
public final class ClusterSubmit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** What the cluster answered: the uploaded jar's id and the submitted job's id. */
    public record Submitted(String jarId, String jobId) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** {@code url}: the cluster's REST address, {@code http://HOST:PORT} ({@code http://} may be left out); throws if it is none. */
    public ClusterSubmit(String url) {
        String u = url.strip().contains("://") ? url.strip() : "http://" + url.strip();
        URI uri;
        try {
            uri = URI.create(u.endsWith("/") ? u : u + "/");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a cluster's REST address; pass --cluster http://HOST:PORT"
                    + " (rest.address and rest.port of the cluster's config.yaml, e.g. http://localhost:8081)");
        }
        this.base = uri;
    }

    public Submitted submit(Path jar, ValidatedJob job) throws IOException {
        String jarId = upload(jar);
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", ClusterJobMain.class.getName());
        ClusterJobMain.arguments(job.document()).forEach(body.putArray("programArgsList")::add);
        ObjectNode conf = body.putObject("flinkConfiguration");
        FlinkConfig.entries(job).forEach(conf::put);
        JsonNode ran = send(HttpRequest.newBuilder(base.resolve("jars/" + jarId + "/run")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        String jobId = ran.path("jobid").asText(null);
        if (jobId == null) {
            throw new IOException(base + " ran the jar but named no job id: " + ran);
        }
        return new Submitted(jarId, jobId);
    }

    /** {@code POST /jars/upload} as multipart/form-data with the file in the part {@code jarfile}; the jar id is the stored file's name. */
    String upload(Path jar) throws IOException {
        String boundary = "----checkpoint-studio-" + UUID.randomUUID();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        bytes.write(Files.readAllBytes(jar));
        bytes.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = send(HttpRequest.newBuilder(base.resolve("jars/upload")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build());
        String file = uploaded.path("filename").asText("");
        if (!"success".equals(uploaded.path("status").asText()) || file.isEmpty()) {
            throw new IOException(base + "jars/upload did not accept the jar: " + uploaded);
        }
        return file.substring(file.replace('\\', '/').lastIndexOf('/') + 1);
    }

    private JsonNode send(HttpRequest request) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new IOException("cannot reach a Flink cluster at " + base + " (" + why(e) + "); start the cluster, or pass its REST"
                    + " address to --cluster (rest.address and rest.port of its config.yaml, port 8081 unless changed)", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body().isBlank() ? "{}" : r.body());
        } catch (IOException e) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                    + " with a body that is not JSON: is " + base + " the REST address of a Flink cluster?");
        }
        if (r.statusCode() / 100 != 2) {
            // Flink answers an upload it does not serve with 400 "POST request not allowed" or 404 "Not found", depending on the path.
            String hint = request.uri().getPath().endsWith("/jars/upload") && Set.of(400, 404, 405).contains(r.statusCode())
                    ? "; the cluster must accept jars (web.submit.enable: true in its config.yaml) and " + base + " must be its REST address"
                    : "";
            throw new IOException(request.method() + " " + request.uri() + " failed (" + r.statusCode() + "): " + reason(body) + hint);
        }
        return body;
    }

    /**
     * What Flink's error answer says: its first line and, when it carries a stack trace, the root cause. Flink puts
     * "Internal server error." first and the trace second when a handler failed unexpectedly, and the trace
     * alone (led by e.g. "Could not execute application.") when the job's main method failed.
     */
    static String reason(JsonNode body) {
        List<String> lines = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            error.asText().lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("at ") && !l.startsWith("... ") && !l.equals("Internal server error.")
                            && !l.startsWith("<Exception on server side") && !l.startsWith("End of exception on server side"))
                    .forEach(lines::add);
        }
        if (lines.isEmpty()) {
            return body.path("errors").path(0).asText(body.toString());
        }
        String first = lines.get(0);
        String root = null;
        for (String l : lines) {
            if (l.startsWith("Caused by: ")) {
                root = l.substring("Caused by: ".length());
            }
        }
        return root == null || first.contains(root) ? first : first + " Caused by: " + root;
    }

    private String why(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host " + base.getHost();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "connection refused"; // the JDK's client says no more than that
    }
}
