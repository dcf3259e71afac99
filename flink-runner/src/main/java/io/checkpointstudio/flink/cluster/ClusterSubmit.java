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
import java.util.UUID;

/**
 * {@code flink run JOB.json --cluster URL}: uploads the job jar (flink-runner and the engine without Flink,
 * {@code flink-runner/target/flink-runner-job.jar}) with {@code POST /jars/upload} and runs it with
 * {@code POST /jars/:jarid/run}: entry class {@link ClusterJobMain}, the job document as its program
 * arguments and the job's config as {@code flinkConfiguration}. Plain JDK HTTP and Jackson.
 */
public final class ClusterSubmit {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the cluster answered: the uploaded jar's id and the submitted job's id. */
    public record Submitted(String jarId, String jobId) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ClusterSubmit(String url) {
        String u = url.contains("://") ? url : "http://" + url;
        this.base = URI.create(u.endsWith("/") ? u : u + "/");
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
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach " + request.uri() + " (is the cluster running, is this its REST address?)", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body().isBlank() ? "{}" : r.body());
        } catch (IOException e) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() / 100 != 2) {
            String errors = body.path("errors").isArray() && !body.path("errors").isEmpty() ? body.path("errors").get(0).asText() : body.toString();
            throw new IOException(request.method() + " " + request.uri() + " failed (" + r.statusCode() + "): " + errors.lines().findFirst().orElse(""));
        }
        return body;
    }
}
