package io.checkpointstudio.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = {"Takes a savepoint of a job started with run --rest-port (through its REST API, as Flink's CLI does).",
            "--stop stops the job with the savepoint; --drain first ends its sources' input so windows fire."})
final class SavepointCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job id (run prints it with the REST address).")
    String jobId;

    @Option(names = "--rest-port", required = true, paramLabel = "PORT", description = "The port given to run --rest-port.")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", description = {"Where to write the savepoint; default: the job's execution.checkpointing.savepoint-dir.",
            "Must be under the job's savepoint or checkpoint directory, or a folder of its checkpoint-studio.rest.savepoint-roots."})
    String dir;

    @Option(names = "--stop", description = "Stop the job once the savepoint is complete.")
    boolean stop;

    @Option(names = "--drain", description = "With --stop: end the sources' input first (windows fire, timers run).")
    boolean drain;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port + "/jobs/" + jobId;
        Map<String, Object> body = new LinkedHashMap<>();
        // The job may run in another folder than this command: a relative --dir means relative to here.
        String target = dir == null || dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? dir : Path.of(dir).toAbsolutePath().toString();
        String path;
        if (stop || drain) {
            path = "/stop";
            body.put("targetDirectory", target);
            body.put("drain", drain);
        } else {
            path = "/savepoints";
            body.put("target-directory", target);
            body.put("cancel-job", false);
        }
        HttpResponse<String> started;
        try {
            started = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            err.println("savepoint: nothing answers on 127.0.0.1:" + port + "; start the job with run --rest-port " + port);
            err.flush();
            return ExitCodes.FAILED;
        }
        if (started.statusCode() != 202) {
            err.println("savepoint: refused (HTTP " + started.statusCode() + "): " + errorMessage(started.body()));
            err.flush();
            return ExitCodes.FAILED;
        }
        String trigger = JSON.readTree(started.body()).get("request-id").asText();
        err.println("savepoint triggered (request " + trigger + "), waiting ...");
        err.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/savepoints/" + trigger)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if ("COMPLETED".equals(status.at("/status/id").asText())) {
                JsonNode location = status.at("/operation/location");
                if (!location.isMissingNode()) {
                    out.println(location.asText());
                    out.flush();
                    return ExitCodes.OK;
                }
                err.println("savepoint failed: " + status.at("/operation/failure-cause/stack-trace").asText());
                err.flush();
                return ExitCodes.FAILED;
            }
            Thread.sleep(100);
        }
        err.println("savepoint: no answer within 15 minutes");
        return ExitCodes.FAILED;
    }

    /** The messages of Flink's error shape {"errors": [...]}, or the body as it is. */
    private static String errorMessage(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                List<String> messages = new ArrayList<>();
                errors.forEach(e -> messages.add(e.asText()));
                return String.join("; ", messages);
            }
        } catch (IOException notJson) {
            // fall through
        }
        return body;
    }
}
