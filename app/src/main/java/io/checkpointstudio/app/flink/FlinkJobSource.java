package io.checkpointstudio.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkpointstudio.app.session.RunHistory;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.RunSource;
import io.checkpointstudio.app.session.SavepointTarget;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.monitor.SubtaskFigures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Flink job (or a job of our engine's {@code run --rest-port}) watched over its REST API, as a
 * {@link RunSource}: a background thread polls {@code /jobs/:id}, {@code /jobs/:id/checkpoints} and the
 * details of each checkpoint it has not seen finished about once a second and publishes a
 * {@link RunSnapshot}, so the monitor's Checkpoints, Charts and Events tabs show it like a local run.
 * Status changes and checkpoints that were triggered, completed or failed become events. What the REST API
 * does not say (per-operator state sizes inside a chain, the restore duration, retained count) stays
 * unknown. Savepoint and stop-with-savepoint go through {@code POST /jobs/:id/savepoints} and
 * {@code /stop}.
 */
public final class FlinkJobSource implements RunSource, SavepointTarget, AutoCloseable {
    private static final long POLL_MS = 1000;

    private final FlinkRestClient client;
    private final String jobId;
    private final String savepointDirectory;
    private final ScheduledExecutorService poller;
    private final ExecutorService commands;
    private final RunHistory history = new RunHistory();
    private final List<EngineEvent> events = new ArrayList<>();
    private final Map<Long, List<TaskCheckpointStats>> finishedTasks = new HashMap<>();
    private final Map<Long, CheckpointStatus> seen = new HashMap<>();
    private final Map<String, String> vertexNames = new LinkedHashMap<>();
    private final Map<String, ChangeRate> rates = new HashMap<>();
    private final Map<String, List<String>> operatorPrefixes = new HashMap<>();
    private final Map<String, String> operatorTasks = new LinkedHashMap<>();
    private final Map<String, List<OperatorFigures>> lastChained = new HashMap<>();
    private final Set<String> reportedErrors = new HashSet<>();
    private ScheduledFuture<?> polling;
    private volatile RunSnapshot latest;
    private volatile String lastError;
    private String jobName;
    private JobStatus status;
    private long startedAt;
    private long endedAt;
    private int restarts;
    private CheckpointSettings settings;
    private CheckpointStatsSnapshot checkpoints = CheckpointStatsSnapshot.EMPTY;
    private MetricsSnapshot metrics;
    private long revision;
    private long metricsRevision;

    private FlinkJobSource(FlinkRestClient client, String jobId, String savepointDirectory) {
        this.client = client;
        this.jobId = jobId;
        this.savepointDirectory = savepointDirectory == null || savepointDirectory.isBlank() ? null : savepointDirectory.trim();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "flink-rest-poll"));
        this.commands = Executors.newCachedThreadPool(r -> daemon(r, "flink-rest-savepoint"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Reads the job once (so the first snapshot is complete, and an unreachable server or unknown job fails
     * here), then polls it about once a second. Blocks for that first read: call it off the JavaFX thread.
     *
     * @param savepointDirectory where savepoints go (a path the cluster can write), or null for the cluster's
     *                           {@code execution.checkpointing.savepoint-dir}
     */
    public static FlinkJobSource attach(FlinkRestClient client, String jobId, String savepointDirectory) throws IOException {
        FlinkJobSource source = new FlinkJobSource(client, jobId, savepointDirectory);
        try {
            source.poll();
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        source.polling = source.poller.scheduleWithFixedDelay(source::pollQuietly, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        return source;
    }

    @Override
    public RunSnapshot snapshot() {
        return latest;
    }

    @Override
    public String jobName() {
        return jobName;
    }

    public String jobId() {
        return jobId;
    }

    @Override
    public String origin() {
        return "on Flink at " + client.base();
    }

    public FlinkRestClient client() {
        return client;
    }

    /** The last polling failure (the server went away, a timeout), or null while polls succeed. */
    public String lastError() {
        return lastError;
    }

    private void pollQuietly() {
        try {
            poll();
            lastError = null;
        } catch (IOException | RuntimeException e) {
            lastError = e.getMessage();
            if (reportedErrors.add(String.valueOf(e.getMessage()))) {
                events.add(new EngineEvent.Notice(System.currentTimeMillis(), "Could not read " + client.base() + ": " + e.getMessage()));
                publish();
            }
        }
    }

    private void poll() throws IOException {
        long now = System.currentTimeMillis();
        JsonNode job = client.job(jobId);
        jobName = FlinkRestClient.text(job, "name", jobId);
        startedAt = job.path("start-time").asLong(now);
        JobStatus newStatus = FlinkStats.status(job.path("state").asText());
        if (newStatus != status) {
            events.add(new EngineEvent.JobStatusChanged(now, newStatus, status == null ? "attached over " + client.base() : null));
            if (newStatus == JobStatus.RESTARTING) {
                restarts++;
                events.add(new EngineEvent.JobRestarting(now, restarts, -1, "Flink reports the job RESTARTING (its exceptions: GET /jobs/" + jobId + "/exceptions)"));
            }
            status = newStatus;
        }
        long end = job.path("end-time").asLong(-1);
        endedAt = status.isTerminal() ? (end > 0 ? end : now) : 0;
        metrics = metrics(job, now);
        history.record(metrics);
        if (settings == null) {
            Optional<JsonNode> config = client.checkpointConfig(jobId);
            settings = config.map(FlinkStats::settings).orElseGet(FlinkStats::disabled);
        }
        checkpoints = FlinkStats.snapshot(client.checkpoints(jobId), this::tasks);
        history.record(checkpoints.history());
        checkpointEvents();
        publish();
        if (status.isTerminal() && checkpoints.counts().inProgress() == 0 && polling != null) {
            polling.cancel(false); // a finished, failed or cancelled Flink job stays as it is
        }
    }

    private void publish() {
        Map<String, String> tasks = new LinkedHashMap<>();
        vertexNames.values().forEach(n -> tasks.put(n, n));
        tasks.putAll(operatorTasks);
        latest = new RunSnapshot(++revision, jobId, jobName, status, startedAt, endedAt, metrics, checkpoints, List.copyOf(events), restarts,
                Map.copyOf(tasks), settings, null, history);
    }

    /**
     * The figures of every operator of every vertex when Flink reports per-operator counters (named by the
     * operator, so the canvas shows them on the job's nodes), else one per vertex (named by the vertex):
     * record counts, rates from the change since the last poll, the vertex's busy and back-pressured time.
     */
    private MetricsSnapshot metrics(JsonNode job, long now) throws IOException {
        List<OperatorFigures> operators = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            String id = v.path("id").asText();
            String name = FlinkRestClient.text(v, "name", id);
            vertexNames.put(id, name);
            JsonNode m = v.path("metrics");
            int parallelism = Math.max(1, v.path("parallelism").asInt(1));
            double in = m.path("read-records").asDouble(0);
            double out = m.path("write-records").asDouble(0);
            double busyMs = m.path("accumulated-busy-time").asDouble(Double.NaN);
            double bpMs = m.path("accumulated-backpressured-time").asDouble(Double.NaN);
            double idleMs = m.path("accumulated-idle-time").asDouble(Double.NaN);
            double inRate = rate(id + "/in", now, in);
            double outRate = rate(id + "/out", now, out);
            double busy = ratio(rate(id + "/busy", now, busyMs), parallelism);
            double bp = ratio(rate(id + "/bp", now, bpMs), parallelism);
            double idle = ratio(rate(id + "/idle", now, idleMs), parallelism);
            if (v.has("busyRatio")) { // our engine's REST gives the ratios directly
                busy = v.path("busyRatio").asDouble(busy);
                bp = v.path("backPressuredRatio").asDouble(bp);
            }
            List<OperatorFigures> chained = chainedOperators(id, name, now, busy, bp, idle);
            if (chained.isEmpty()) {
                operators.add(new OperatorFigures(name, name, List.of(
                        new SubtaskFigures(0, (long) in, (long) out, inRate, outRate, busy, bp, idle, Map.of()))));
            } else {
                operators.addAll(chained);
            }
        }
        long uptime = job.path("duration").asLong(Math.max(0, now - startedAt));
        return new MetricsSnapshot(++metricsRevision, now, status, uptime, List.copyOf(operators));
    }

    /** Each operator of a vertex with its own record counters; empty while Flink reports none (not running yet, or no such endpoint). */
    private List<OperatorFigures> chainedOperators(String vertexId, String vertexName, long now, double busy, double bp, double idle)
            throws IOException {
        List<String> prefixes = operatorPrefixes.get(vertexId);
        if (prefixes == null) {
            if (status != JobStatus.RUNNING) {
                return List.of(); // Flink registers the metrics once the tasks run
            }
            Optional<JsonNode> list = client.subtaskMetrics(jobId, vertexId, List.of());
            if (list.isEmpty()) {
                operatorPrefixes.put(vertexId, List.of()); // a server without the endpoint: per vertex only, and no more asking
                return List.of();
            }
            prefixes = OperatorMetrics.prefixes(list.get(), vertexName);
            if (prefixes.isEmpty()) {
                return List.of();
            }
            operatorPrefixes.put(vertexId, prefixes);
        }
        if (prefixes.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> values = client.subtaskMetrics(jobId, vertexId, OperatorMetrics.counterNames(prefixes));
        Map<String, Double> sums = values.map(OperatorMetrics::sums).orElse(Map.of());
        if (sums.isEmpty()) { // a finished job's tasks report no more: their last counts stay, at rate 0
            return lastChained.getOrDefault(vertexId, List.of()).stream().map(f -> new OperatorFigures(f.operatorId(), f.task(),
                    List.of(new SubtaskFigures(0, f.recordsIn(), f.recordsOut(), 0, 0, 0, 0, 0, Map.of())))).toList();
        }
        List<OperatorFigures> figures = new ArrayList<>();
        for (String prefix : prefixes) {
            double in = sums.getOrDefault(prefix + OperatorMetrics.RECORDS_IN, 0.0);
            double out = sums.getOrDefault(prefix + OperatorMetrics.RECORDS_OUT, 0.0);
            double inRate = rate(vertexId + "/" + prefix + "/in", now, in);
            double outRate = rate(vertexId + "/" + prefix + "/out", now, out);
            String operatorId = OperatorMetrics.operatorId(prefix);
            operatorTasks.put(operatorId, vertexName);
            figures.add(new OperatorFigures(operatorId, vertexName, List.of(
                    new SubtaskFigures(0, (long) in, (long) out, inRate, outRate, busy, bp, idle, Map.of()))));
        }
        lastChained.put(vertexId, figures);
        return figures;
    }

    private double rate(String counter, long now, double value) {
        return rates.computeIfAbsent(counter, c -> new ChangeRate()).update(now, value);
    }

    /** Milliseconds per second summed over the subtasks, as a share of their time. */
    private static double ratio(double msPerSecond, int parallelism) {
        return Math.max(0, Math.min(1, msPerSecond / (1000.0 * parallelism)));
    }

    /** A checkpoint's tasks with their subtasks: read once it has finished, re-read each poll while in progress. */
    private List<TaskCheckpointStats> tasks(long checkpointId) {
        List<TaskCheckpointStats> known = finishedTasks.get(checkpointId);
        if (known != null) {
            return known;
        }
        try {
            Optional<JsonNode> details = client.checkpointDetails(jobId, checkpointId);
            if (details.isEmpty()) {
                return List.of();
            }
            List<TaskCheckpointStats> tasks = new ArrayList<>();
            var fields = details.get().path("tasks").fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String vertex = e.getKey();
                String name = vertexNames.getOrDefault(vertex, FlinkRestClient.text(e.getValue(), "name", vertex));
                int n = e.getValue().path("num_subtasks").asInt(0);
                Optional<JsonNode> subtasks = client.subtaskDetails(jobId, checkpointId, vertex);
                tasks.add(FlinkStats.task(vertex, name, n, subtasks.orElse(details.get().path("missing"))));
            }
            String state = details.get().path("status").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                finishedTasks.put(checkpointId, List.copyOf(tasks));
                if (finishedTasks.size() > 200) {
                    finishedTasks.keySet().stream().sorted().limit(100).toList().forEach(finishedTasks::remove);
                }
            }
            return List.copyOf(tasks);
        } catch (IOException e) {
            return List.of(); // the details come with the next poll
        }
    }

    /** Events for the checkpoints seen triggered, completed or failed since the last poll, oldest first. */
    private void checkpointEvents() {
        List<CheckpointStats> h = checkpoints.history();
        int tolerable = settings == null ? 0 : settings.tolerableFailures();
        for (int i = h.size() - 1; i >= 0; i--) {
            CheckpointStats c = h.get(i);
            CheckpointStatus before = seen.put(c.id(), c.status());
            if (before == null) {
                events.add(new EngineEvent.CheckpointTriggered(c.triggerTimestamp(), c.id(), c.isSavepoint(),
                        "UNALIGNED_CHECKPOINT".equals(c.checkpointType())));
            }
            if (before != c.status() && c.status() == CheckpointStatus.COMPLETED) {
                long at = c.latestAckTimestamp() > 0 ? c.latestAckTimestamp() : c.triggerTimestamp();
                events.add(new EngineEvent.CheckpointCompleted(at, c.id(), c.endToEndDuration(), c.checkpointedSize(), c.stateSize(),
                        c.externalPath(), c.isSavepoint()));
            } else if (before != c.status() && c.status() == CheckpointStatus.FAILED) {
                long at = c.failureTimestamp() > 0 ? c.failureTimestamp() : c.triggerTimestamp();
                events.add(new EngineEvent.CheckpointFailed(at, c.id(), c.failureMessage() == null ? "failed" : c.failureMessage(),
                        checkpoints.consecutiveFailures(), tolerable));
            }
        }
    }

    @Override
    public String savepointLocation() {
        return savepointDirectory == null ? "the cluster's execution.checkpointing.savepoint-dir" : savepointDirectory;
    }

    @Override
    public CompletableFuture<String> takeSavepoint(String name) {
        String target = savepointDirectory;
        if (target != null && name != null && !name.isBlank()) {
            target = target.replaceAll("/+$", "") + "/" + name.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
        }
        String dir = target;
        return await(() -> client.triggerSavepoint(jobId, dir, false));
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean drain) {
        return await(() -> client.stopWithSavepoint(jobId, savepointDirectory, drain));
    }

    private interface Trigger {
        String call() throws IOException;
    }

    /** Triggers, then polls the trigger's status until Flink reports the savepoint's location or its failure. */
    private CompletableFuture<String> await(Trigger trigger) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String id = trigger.call();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
                while (System.nanoTime() < deadline) {
                    FlinkRestClient.SavepointStatus s = client.savepointStatus(jobId, id);
                    if (s.done()) {
                        if (s.failure() != null) {
                            throw new IllegalStateException(s.failure());
                        }
                        return s.location();
                    }
                    Thread.sleep(200);
                }
                throw new IllegalStateException("the savepoint " + id + " did not complete within 15 minutes");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, commands);
    }

    /** Stops polling (when the monitor shows something else). */
    @Override
    public void close() {
        poller.shutdownNow();
        commands.shutdownNow();
    }
}
