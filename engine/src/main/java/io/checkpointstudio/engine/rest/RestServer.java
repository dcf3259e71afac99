package io.checkpointstudio.engine.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink-compatible subset of the REST API for the jobs running in this process, on the loopback address
 * only: GET {@code /jobs}, {@code /jobs/:id}, {@code /jobs/:id/checkpoints}, {@code .../checkpoints/config},
 * {@code .../checkpoints/details/:cid}, {@code .../details/:cid/subtasks/:vertex} and
 * {@code /jobs/:id/savepoints/:triggerid}; POST {@code /jobs/:id/savepoints} and {@code /jobs/:id/stop}. Responses are built
 * from the immutable snapshots the engine publishes, so a request never waits on a running job.
 */
public final class RestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile("/jobs/([0-9a-f]+)(/.*)?");
    private static final Pattern DETAILS = Pattern.compile("/checkpoints/details/(\\d+)(/subtasks/([^/]+))?/?");

    private final HttpServer server;
    private static final Pattern SAVEPOINT_STATUS = Pattern.compile("/savepoints/([0-9a-f]+)/?");

    private final List<JobExecution> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.CompletableFuture<java.nio.file.Path>> triggers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RestServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free port). */
    public static RestServer start(int port) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (java.net.BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use; choose another with --rest-port", e);
        }
        RestServer rest = new RestServer(server);
        server.createContext("/", rest::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rest");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return rest;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void register(JobExecution job) {
        jobs.add(job);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                send(exchange, 405, Map.of("errors", List.of(method + " is not served for " + path)));
                return;
            }
            if (path.equals("/jobs") || path.equals("/jobs/") || path.equals("/jobs/overview")) {
                send(exchange, 200, FlinkJson.jobsOverview(jobs));
                return;
            }
            Matcher m = JOB.matcher(path);
            if (!m.matches()) {
                send(exchange, 404, Map.of("errors", List.of("Not found: " + path)));
                return;
            }
            Optional<JobExecution> job = jobs.stream().filter(j -> j.jobId().equals(m.group(1))).findFirst();
            if (job.isEmpty()) {
                send(exchange, 404, Map.of("errors", List.of("Job " + m.group(1) + " not found")));
                return;
            }
            route(exchange, job.get(), m.group(2) == null ? "" : m.group(2));
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("errors", List.of(e.toString())));
        }
    }

    private void route(HttpExchange exchange, JobExecution job, String rest) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            post(exchange, job, rest);
            return;
        }
        Matcher trigger = SAVEPOINT_STATUS.matcher(rest);
        if (trigger.matches()) {
            savepointStatus(exchange, trigger.group(1));
            return;
        }
        if (rest.isEmpty() || rest.equals("/")) {
            send(exchange, 200, FlinkJson.job(job));
        } else if (rest.equals("/checkpoints") || rest.equals("/checkpoints/")) {
            send(exchange, 200, FlinkJson.checkpoints(job.checkpoints()));
        } else if (rest.equals("/checkpoints/config")) {
            if (job.coordinator() == null || !job.coordinator().settings().enabled()) {
                send(exchange, 404, Map.of("errors", List.of("Checkpointing is not enabled for this job (" + job.jobId() + ").")));
            } else {
                send(exchange, 200, FlinkJson.config(job.coordinator().settings(),
                        job.job().config().get(ConfigOptions.STATE_BACKEND).written()));
            }
        } else {
            Matcher d = DETAILS.matcher(rest);
            if (!d.matches()) {
                send(exchange, 404, Map.of("errors", List.of("Not found: " + rest)));
                return;
            }
            long id = Long.parseLong(d.group(1));
            Optional<CheckpointStats> c = job.checkpoints().history().stream().filter(h -> h.id() == id).findFirst();
            if (c.isEmpty()) {
                send(exchange, 404, Map.of("errors", List.of("Could not find checkpointing statistics for checkpoint " + id + ".")));
            } else if (d.group(3) == null) {
                send(exchange, 200, FlinkJson.checkpoint(c.get(), true));
            } else {
                Optional<TaskCheckpointStats> t = c.get().tasks().stream().filter(x -> x.id().equals(d.group(3))).findFirst();
                if (t.isEmpty()) {
                    send(exchange, 404, Map.of("errors", List.of("No vertex " + d.group(3) + " in checkpoint " + id)));
                } else {
                    send(exchange, 200, FlinkJson.taskWithSubtasks(t.get(), c.get()));
                }
            }
        }
    }

    /** POST /jobs/:id/savepoints {target-directory, cancel-job} and POST /jobs/:id/stop {targetDirectory, drain}. */
    private void post(HttpExchange exchange, JobExecution job, String rest) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body;
        try (var in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        }
        io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode mode;
        String dir;
        if (rest.equals("/savepoints") || rest.equals("/savepoints/")) {
            dir = body.path("target-directory").asText(null);
            mode = body.path("cancel-job").asBoolean(false)
                    ? io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode.SUSPEND
                    : io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode.NONE;
        } else if (rest.equals("/stop") || rest.equals("/stop/")) {
            dir = body.path("targetDirectory").asText(null);
            mode = body.path("drain").asBoolean(false)
                    ? io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode.DRAIN
                    : io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode.SUSPEND;
        } else {
            send(exchange, 404, Map.of("errors", List.of("Not found: POST " + rest)));
            return;
        }
        String triggerId = java.util.UUID.randomUUID().toString().replace("-", "");
        triggers.put(triggerId, job.triggerSavepoint(dir == null ? null : java.nio.file.Path.of(dir), mode));
        send(exchange, 202, Map.of("request-id", triggerId));
    }

    private void savepointStatus(HttpExchange exchange, String triggerId) throws IOException {
        java.util.concurrent.CompletableFuture<java.nio.file.Path> f = triggers.get(triggerId);
        if (f == null) {
            send(exchange, 404, Map.of("errors", List.of("There is no savepoint operation with trigger id " + triggerId)));
        } else if (!f.isDone()) {
            send(exchange, 200, Map.of("status", Map.of("id", "IN_PROGRESS")));
        } else {
            reported.add(triggerId);
            try {
                java.nio.file.Path location = f.join();
                send(exchange, 200, Map.of("status", Map.of("id", "COMPLETED"), "operation", Map.of("location", location.toUri().toString())));
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                send(exchange, 200, Map.of("status", Map.of("id", "COMPLETED"), "operation",
                        Map.of("failure-cause", Map.of("class", cause.getClass().getName(), "stack-trace", String.valueOf(cause.getMessage())))));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Like Flink's REST server, which outlives a stopped job: waits (up to {@code max}) until every savepoint
     * result has been asked for, so {@code savepoint --stop} can still read where its savepoint went.
     */
    public void awaitUnreportedResults(java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && !reported.containsAll(triggers.keySet())) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
