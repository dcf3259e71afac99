package io.checkpointstudio.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken input to the REST API (issue #16, point 5): every bad request gets a 4xx answer in Flink's
 * error shape, bodies are bounded, stalled clients neither block others nor stay connected, and savepoints
 * requested over the API are written only under the allowed folders.
 */
class RestServerInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A running job with its checkpoints and savepoints under the temporary folder, served by a REST server. */
    private String serveJob(Map<String, Object> extraConfig) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of(
                "execution.checkpointing.dir", dir.resolve("checkpoints").toString(),
                "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString()));
        config.putAll(extraConfig);
        var doc = ClicksJob.document(0, 1000, 1, config).withOperator(OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks",
                Map.of("events", 0L, "users", 1000L, "eventsPerSecond", 20_000L)));
        RestServer rest = RestServer.start(0);
        open.add(rest);
        JobExecution job = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults());
        open.add(job);
        rest.register(job);
        return "http://127.0.0.1:" + rest.port() + "/jobs/" + job.jobId();
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The single message of Flink's error shape {"errors": ["..."]}. */
    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errors").isArray()).as(response.body()).isTrue();
        return body.get("errors").get(0).asText();
    }

    @Test
    void malformedJson_isAnswered400() throws Exception {
        String job = serveJob(Map.of());

        HttpResponse<String> broken = post(job + "/savepoints", "{\"target-directory\": ");
        HttpResponse<String> notAnObject = post(job + "/savepoints", "[1, 2]");
        HttpResponse<String> wrongType = post(job + "/stop", "{\"drain\": \"yes\"}");

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(error(broken)).startsWith("Bad request received: the body is not valid JSON: ");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(error(notAnObject)).isEqualTo("Bad request received: the body must be a JSON object, got array.");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(error(wrongType)).isEqualTo("Bad request received: 'drain' must be true or false.");
    }

    @Test
    void checkpointIdOutOfRange_isAnswered400() throws Exception {
        String job = serveJob(Map.of());

        HttpResponse<String> response = get(job + "/checkpoints/details/99999999999999999999");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("Bad request received: checkpoint id 99999999999999999999 is not a number"
                + " from 0 to 9223372036854775807.");
    }

    @Test
    void oversizedBody_isAnswered413_withoutBeingRead() throws Exception {
        String job = serveJob(Map.of());
        URI uri = URI.create(job);
        String path = uri.getPath() + "/savepoints";
        String start = "{\"target-directory\": \"" + "x".repeat(1000);

        // 50 MB announced, a kilobyte sent: the answer comes before the rest of the body
        String announced = exchange(uri.getPort(), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n" + start);
        // chunked, with no length announced: refused once more than 64 KiB arrived
        String chunk = "y".repeat(70_000);
        String chunked = exchange(uri.getPort(), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");

        assertThat(announced).startsWith("HTTP/1.1 413 ")
                .endsWith("{\"errors\":[\"Request body of 52428800 bytes is too large; at most 65536 bytes are accepted.\"]}");
        assertThat(chunked).startsWith("HTTP/1.1 413 ")
                .endsWith("{\"errors\":[\"Request body is too large; at most 65536 bytes are accepted.\"]}");
    }

    /** Sends {@code request} on a raw connection (leaving it unfinished) and reads the answer up to its body's end. */
    private static String exchange(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed before an answer: " + head);
                }
                head.append((char) b);
            }
            int length = Integer.parseInt(head.toString().lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .findFirst().orElseThrow().substring("content-length:".length()).trim());
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    @Test
    void stalledRequestBodies_neitherBlockOtherRequests_norStayConnected() throws Exception {
        String job = serveJob(Map.of());
        URI uri = URI.create(job);
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), uri.getPort());
            open.add(s);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + uri.getPath() + "/savepoints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"target").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(s);
        }
        Thread.sleep(300); // the server has taken up the three requests

        long start = System.nanoTime();
        HttpResponse<String> jobs = get("http://127.0.0.1:" + uri.getPort() + "/jobs");
        long millis = (System.nanoTime() - start) / 1_000_000L;

        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(millis).isLessThan(3_000);
        for (Socket s : stalled) {
            s.setSoTimeout((RestServer.MAX_REQUEST_SECONDS + 10) * 1000);
            InputStream in = s.getInputStream();
            try {
                in.readAllBytes(); // returns when the server closes the connection
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a stalled request is still connected after "
                        + (RestServer.MAX_REQUEST_SECONDS + 10) + " s", e);
            } catch (SocketException closedHard) {
                // reset by the server: closed as well
            }
        }
    }

    @Test
    void savepointTargetOutsideTheAllowedFolders_isAnswered403_andNothingIsWritten() throws Exception {
        String job = serveJob(Map.of());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("savepoints")).resolve("link"), elsewhere);

        HttpResponse<String> outside = post(job + "/savepoints", "{\"target-directory\": " + JSON.writeValueAsString(elsewhere.toString()) + "}");
        HttpResponse<String> climbing = post(job + "/savepoints", "{\"target-directory\": "
                + JSON.writeValueAsString(dir.resolve("savepoints/../elsewhere").toString()) + "}");
        HttpResponse<String> throughLink = post(job + "/stop", "{\"targetDirectory\": " + JSON.writeValueAsString(link.toString()) + "}");
        HttpResponse<String> inside = post(job + "/savepoints", "{\"target-directory\": "
                + JSON.writeValueAsString(dir.resolve("savepoints/nightly").toString()) + "}");

        for (HttpResponse<String> refused : List.of(outside, climbing, throughLink)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(error(refused)).startsWith("savepoints requested over the REST API may be written only under ")
                    .contains(dir.toRealPath().resolve("savepoints").toString(), dir.toRealPath().resolve("checkpoints").toString(),
                            "add its folder to checkpoint-studio.rest.savepoint-roots");
        }
        assertThat(inside.statusCode()).isEqualTo(202);
        assertThat(awaitLocation(job, JSON.readTree(inside.body()).get("request-id").asText()))
                .startsWith(dir.resolve("savepoints/nightly").toRealPath().toUri().toString());
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void savepointRootsOption_replacesTheDefaultFolders() throws Exception {
        Path backups = Files.createDirectories(dir.resolve("backups"));
        String job = serveJob(Map.of("checkpoint-studio.rest.savepoint-roots", dir.resolve("nowhere") + ";" + backups.toUri()));

        HttpResponse<String> savepointDir = post(job + "/savepoints", "{\"target-directory\": "
                + JSON.writeValueAsString(dir.resolve("savepoints").toString()) + "}");
        HttpResponse<String> backup = post(job + "/savepoints", "{\"target-directory\": "
                + JSON.writeValueAsString(backups.resolve("monday").toString()) + "}");

        assertThat(savepointDir.statusCode()).isEqualTo(403);
        assertThat(backup.statusCode()).isEqualTo(202);
        awaitLocation(job, JSON.readTree(backup.body()).get("request-id").asText());
    }

    private String awaitLocation(String job, String trigger) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = JSON.readTree(get(job + "/savepoints/" + trigger).body());
            if (s.at("/status/id").asText().equals("COMPLETED")) {
                assertThat(s.at("/operation/failure-cause").isMissingNode()).as(s.toString()).isTrue();
                return s.at("/operation/location").asText();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("savepoint " + trigger + " did not complete");
    }
}
