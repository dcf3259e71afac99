package io.checkpointstudio.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.cli.FlinkMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests {@code flink run --cluster URL} sends, seen by a stand-in for Flink's REST server (the JDK's
 * HTTP server answering {@code /jars/upload} and {@code /jars/:jarid/run} as Flink does): a multipart upload
 * in the part {@code jarfile}, then a run with the entry class, the job document as program arguments and the
 * job's config as {@code flinkConfiguration}. That a real Flink 2.3 cluster accepts them and runs the job,
 * checkpointing as configured, is {@link ClusterSubmitIT}'s part (after {@code package}, with the job jar).
 */
class ClusterSubmitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runWithCluster_uploadsTheJar_thenRunsItWithTheJobAndItsConfig(@TempDir Path dir) throws Exception {
        // given a stand-in cluster and a jar
        Path jar = Files.write(dir.resolve("flink-runner-job.jar"), "PK-not-really-a-jar".getBytes(StandardCharsets.UTF_8));
        List<String> paths = new ArrayList<>();
        Map<String, byte[]> bodies = new ConcurrentHashMap<>();
        Map<String, String> contentTypes = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(exchange.getRequestMethod() + " " + path);
            bodies.put(path, exchange.getRequestBody().readAllBytes());
            contentTypes.put(path, exchange.getRequestHeaders().getFirst("Content-Type"));
            if (path.equals("/jars/upload")) {
                send(exchange, 200, "{\"filename\":\"/tmp/flink-web-upload/5f1e_flink-runner-job.jar\",\"status\":\"success\"}");
            } else if (path.equals("/jars/5f1e_flink-runner-job.jar/run")) {
                send(exchange, 200, "{\"jobid\":\"0123456789abcdef0123456789abcdef\"}");
            } else {
                send(exchange, 404, "{\"errors\":[\"Not found: " + path + "\"]}");
            }
        });
        server.start();
        try {
            // when
            int exit = FlinkMain.execute("run", "../sample-jobs/clicks-per-user.job.json", "--cluster",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "--jar", jar.toString(), "--set", "execution.checkpointing.interval=7s");

            // then: an upload, then a run of the uploaded jar
            assertThat(exit).isZero();
            assertThat(paths).containsExactly("POST /jars/upload", "POST /jars/5f1e_flink-runner-job.jar/run");
            String type = contentTypes.get("/jars/upload");
            assertThat(type).startsWith("multipart/form-data; boundary=");
            String boundary = type.substring(type.indexOf("boundary=") + 9);
            String upload = new String(bodies.get("/jars/upload"), StandardCharsets.ISO_8859_1);
            assertThat(upload).startsWith("--" + boundary + "\r\n")
                    .contains("Content-Disposition: form-data; name=\"jarfile\"; filename=\"flink-runner-job.jar\"")
                    .contains("\r\n\r\nPK-not-really-a-jar\r\n--" + boundary + "--");
            JsonNode run = JSON.readTree(bodies.get("/jars/5f1e_flink-runner-job.jar/run"));
            assertThat(run.get("entryClass").asText()).isEqualTo(ClusterJobMain.class.getName());
            assertThat(run.at("/flinkConfiguration/execution.checkpointing.interval").asText()).isEqualTo("7s");
            List<String> args = new ArrayList<>();
            run.get("programArgsList").forEach(a -> args.add(a.asText()));
            ValidatedJob job = ClusterJobMain.job(args.toArray(String[]::new));
            assertThat(job.document().name()).isNotBlank();
            assertThat(job.document().config()).containsEntry("execution.checkpointing.interval", "7s");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void entryClass_runsTheJobItsArgumentsCarry(@TempDir Path dir) throws Exception {
        // given clicks-per-user, small, writing into the test's folder; checkpointing every 200 ms, not every 3 min:
        // the finishing tasks of a bounded job on Flink can wait for a checkpoint (in some runs for the whole interval)
        JobDocument doc = JobDocuments.read(Path.of("../sample-jobs/clicks-per-user.job.json")).document().orElseThrow()
                .withConfigValue("state.checkpoints.dir", dir.resolve("checkpoints").toString())
                .withConfigValue("execution.checkpointing.interval", "200ms");
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("events", 2_000L));
        for (OperatorSpec op : doc.operators()) {
            if (op.type().equals("file-sink")) {
                doc = doc.withOperator(op.withParam("path", dir.resolve("out").toString()));
            }
        }

        // when the entry class runs outside a cluster (Flink then gives it a local environment)
        ClusterJobMain.main(ClusterJobMain.arguments(doc).toArray(String[]::new));

        // then the job ran to its end and its sink committed its part files
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).toList()).isNotEmpty();
        }
    }

    @Test
    void runWithCluster_reportsTheClustersError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> send(exchange, 500, "{\"errors\":[\"Internal server error.\"]}"));
        server.start();
        try {
            Path jar = Files.createTempFile("job", ".jar");
            ClusterSubmit submit = new ClusterSubmit("127.0.0.1:" + server.getAddress().getPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit.upload(jar)).isInstanceOf(IOException.class)
                    .hasMessageContaining("/jars/upload failed (500): Internal server error.");
            Files.delete(jar);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void runWithClusterThatIsNoUrl_saysWhatToPass() {
        StringWriter err = new StringWriter();

        int exit = FlinkMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "run", "../sample-jobs/clicks-per-user.job.json", "--cluster", "localhost:notaport");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("error: 'localhost:notaport' is not a cluster's REST address; pass --cluster http://HOST:PORT"
                + " (rest.address and rest.port of the cluster's config.yaml, e.g. http://localhost:8081)");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
