package io.checkpointstudio.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink-compatible subset of the REST API for the jobs running in this process, on the loopback address
 * only: GET {@code /jobs}, {@code /jobs/:id}, {@code /jobs/:id/checkpoints}, {@code .../checkpoints/config},
 * {@code .../checkpoints/details/:cid}, {@code .../details/:cid/subtasks/:vertex} and
 * {@code /jobs/:id/savepoints/:triggerid}; POST {@code /jobs/:id/savepoints} and {@code /jobs/:id/stop}. Responses are built
 * from the immutable snapshots the engine publishes, so a request never waits on a running job.
 *
 * <p>Bad requests get Flink's error shape {@code {"errors": [...]}} with a 4xx status: malformed JSON (400), an
 * unreadable checkpoint id (400), a body over {@link #MAX_BODY_BYTES} (413), a savepoint target outside the
 * allowed folders (403, see {@link SavepointTargets}). Requests are served by {@link #THREADS} threads, and the
 * JDK server closes a connection whose request is not complete within {@link #MAX_REQUEST_SECONDS} seconds, so
 * slow or stalled clients cannot hold the others off for long.
 */
public final class RestServer implements AutoCloseable {
    /** Request bodies are small JSON objects; anything larger is refused unread. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int THREADS = 8;
    static final int MAX_REQUEST_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile("/jobs/([0-9a-f]+)(/.*)?");
    private static final Pattern DETAILS = Pattern.compile("/checkpoints/details/(\\d+)(/subtasks/([^/]+))?/?");
    private static final Pattern SAVEPOINT_STATUS = Pattern.compile("/savepoints/([0-9a-f]+)/?");

    static {
        // Read once, when the JDK's server classes load: how long a request (headers and body) and a response
        // may take before the connection is closed. Without them, a client that never finishes its body holds a
        // thread for as long as it keeps the connection open. A value set on the command line wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    }

    private final HttpServer server;
    private final List<JobExecution> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Path>> triggers = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** A request that is answered with a 4xx status and a message. */
    private static final class BadRequest extends Exception {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

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
        server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> {
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
        try (exchange) {
            try {
                dispatch(exchange);
            } catch (BadRequest e) {
                send(exchange, e.status, errors(e.getMessage()));
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("errors", List.of("Internal server error.", e.toString())));
            }
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException, BadRequest {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new BadRequest(405, method + " is not served for " + path);
        }
        if (path.equals("/jobs") || path.equals("/jobs/") || path.equals("/jobs/overview")) {
            send(exchange, 200, FlinkJson.jobsOverview(jobs));
            return;
        }
        Matcher m = JOB.matcher(path);
        if (!m.matches()) {
            throw new BadRequest(404, "Not found: " + path);
        }
        Optional<JobExecution> job = jobs.stream().filter(j -> j.jobId().equals(m.group(1))).findFirst();
        if (job.isEmpty()) {
            throw new BadRequest(404, "Job " + m.group(1) + " not found");
        }
        route(exchange, job.get(), m.group(2) == null ? "" : m.group(2));
    }

    private void route(HttpExchange exchange, JobExecution job, String rest) throws IOException, BadRequest {
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
                throw new BadRequest(404, "Checkpointing is not enabled for this job (" + job.jobId() + ").");
            } else {
                send(exchange, 200, FlinkJson.config(job.coordinator().settings(),
                        job.job().config().get(ConfigOptions.STATE_BACKEND).written()));
            }
        } else {
            Matcher d = DETAILS.matcher(rest);
            if (!d.matches()) {
                throw new BadRequest(404, "Not found: " + rest);
            }
            long id = checkpointId(d.group(1));
            Optional<CheckpointStats> c = job.checkpoints().history().stream().filter(h -> h.id() == id).findFirst();
            if (c.isEmpty()) {
                throw new BadRequest(404, "Could not find checkpointing statistics for checkpoint " + id + ".");
            } else if (d.group(3) == null) {
                send(exchange, 200, FlinkJson.checkpoint(c.get(), true));
            } else {
                Optional<TaskCheckpointStats> t = c.get().tasks().stream().filter(x -> x.id().equals(d.group(3))).findFirst();
                if (t.isEmpty()) {
                    throw new BadRequest(404, "No vertex " + d.group(3) + " in checkpoint " + id);
                } else {
                    send(exchange, 200, FlinkJson.taskWithSubtasks(t.get(), c.get()));
                }
            }
        }
    }

    private static long checkpointId(String digits) throws BadRequest {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "Bad request received: checkpoint id " + digits
                    + " is not a number from 0 to " + Long.MAX_VALUE + ".");
        }
    }

    /** POST /jobs/:id/savepoints {target-directory, cancel-job} and POST /jobs/:id/stop {targetDirectory, drain}. */
    private void post(HttpExchange exchange, JobExecution job, String rest) throws IOException, BadRequest {
        boolean savepoint = rest.equals("/savepoints") || rest.equals("/savepoints/");
        boolean stop = rest.equals("/stop") || rest.equals("/stop/");
        if (!savepoint && !stop) {
            throw new BadRequest(404, "Not found: POST " + rest);
        }
        JsonNode body = jsonBody(exchange);
        String dirField = savepoint ? "target-directory" : "targetDirectory";
        String flagField = savepoint ? "cancel-job" : "drain";
        String dir = text(body, dirField);
        boolean flag = flag(body, flagField);
        StopMode mode = savepoint ? (flag ? StopMode.SUSPEND : StopMode.NONE) : (flag ? StopMode.DRAIN : StopMode.SUSPEND);
        if (dir != null) {
            Optional<String> refusal = SavepointTargets.refusal(job, dir);
            if (refusal.isPresent()) {
                throw new BadRequest(403, refusal.get());
            }
        }
        String triggerId = UUID.randomUUID().toString().replace("-", "");
        triggers.put(triggerId, job.triggerSavepoint(dir == null ? null : Path.of(dir), mode));
        send(exchange, 202, Map.of("request-id", triggerId));
    }

    /** The request body as a JSON object (an empty body is an empty object), read up to {@link #MAX_BODY_BYTES}. */
    private static JsonNode jsonBody(HttpExchange exchange) throws IOException, BadRequest {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            throw new BadRequest(413, "Request body of " + length + " bytes is too large; at most " + MAX_BODY_BYTES
                    + " bytes are accepted.");
        }
        // Not closed here: closing reads the rest of the body, which a refusal must not wait for (the exchange is
        // closed once answered, and the server drops what is left).
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "Request body is too large; at most " + MAX_BODY_BYTES + " bytes are accepted.");
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "Bad request received: the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        }
        if (body == null || body.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!body.isObject()) {
            throw new BadRequest(400, "Bad request received: the body must be a JSON object, got " + body.getNodeType()
                    .toString().toLowerCase(Locale.ROOT) + ".");
        }
        return body;
    }

    private static String text(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest(400, "Bad request received: '" + field + "' must be a folder path (a non-empty string).");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadRequest(400, "Bad request received: '" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    private void savepointStatus(HttpExchange exchange, String triggerId) throws IOException, BadRequest {
        CompletableFuture<Path> f = triggers.get(triggerId);
        if (f == null) {
            throw new BadRequest(404, "There is no savepoint operation with trigger id " + triggerId);
        } else if (!f.isDone()) {
            send(exchange, 200, Map.of("status", Map.of("id", "IN_PROGRESS")));
        } else {
            reported.add(triggerId);
            try {
                Path location = f.join();
                send(exchange, 200, Map.of("status", Map.of("id", "COMPLETED"), "operation", Map.of("location", location.toUri().toString())));
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                send(exchange, 200, Map.of("status", Map.of("id", "COMPLETED"), "operation",
                        Map.of("failure-cause", Map.of("class", cause.getClass().getName(), "stack-trace", String.valueOf(cause.getMessage())))));
            }
        }
    }

    private static Map<String, List<String>> errors(String message) {
        return Map.of("errors", List.of(message));
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
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
