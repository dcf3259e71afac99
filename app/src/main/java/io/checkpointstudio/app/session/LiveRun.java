package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.TaskVertex;
import io.checkpointstudio.engine.job.ValidatedOperator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a job in this process, as the app sees it: the latest {@link RunSnapshot} (never blocks) and
 * the actions of the toolbar and the fault-injection panel. Every action returns at once; the engine does
 * the work on its own threads.
 */
public final class LiveRun implements RunSource, SavepointTarget {
    private final JobExecution execution;
    private final Path savepointDirectory;
    private final String restoredFrom;
    private final long startedAt = System.currentTimeMillis();
    private final RunHistory history = new RunHistory();
    private final List<EngineEvent> events = new ArrayList<>();
    private final java.util.Set<EngineEvent> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Map<String, String> operatorTask = new LinkedHashMap<>();
    private final ScheduledFuture<?> sampling;
    private final TraceFeed trace = new TraceFeed(20_000);
    private volatile boolean tracing;
    private volatile RunSnapshot latest;
    private long revision;
    private long lastMetricsRevision = -1;
    private long lastCheckpointTotal = -1;
    private int lastCheckpointInProgress = -1;
    private int lastEventCount = -1;
    private long endedAt;

    LiveRun(JobExecution execution, Path savepointDirectory, String restoredFrom, java.util.concurrent.ScheduledExecutorService sampler) {
        this.execution = execution;
        this.savepointDirectory = savepointDirectory;
        this.restoredFrom = restoredFrom;
        for (TaskVertex v : execution.plan().vertices()) {
            for (ValidatedOperator o : v.chain()) {
                operatorTask.put(o.id(), v.name());
            }
        }
        execution.events().subscribe(this::onEvent);
        catchUp(execution.events().recent());
        this.latest = build();
        this.sampling = sampler.scheduleWithFixedDelay(this::sample, 100, 100, TimeUnit.MILLISECONDS);
        execution.result().whenComplete((r, e) -> sampler.schedule(this::finalSample, 50, TimeUnit.MILLISECONDS));
    }

    private void onEvent(EngineEvent e) {
        if (e instanceof EngineEvent.BarrierTrace) {
            if (tracing) {
                trace.offer(e); // the slow motion's, not the run's history
            }
            return;
        }
        if (tracing && (e instanceof EngineEvent.CheckpointTriggered || e instanceof EngineEvent.CheckpointAcknowledged
                || e instanceof EngineEvent.CheckpointCompleted || e instanceof EngineEvent.CheckpointFailed)) {
            trace.offer(e); // the coordinator's side of the barriers' journey
        }
        synchronized (events) {
            if (seen.add(e)) {
                events.add(e);
            }
        }
    }

    /** Events published before the subscription took effect go first, each once (the bus may deliver some of them too). */
    private void catchUp(List<EngineEvent> earlier) {
        synchronized (events) {
            List<EngineEvent> missed = earlier.stream().filter(seen::add).toList();
            events.addAll(0, missed);
        }
    }

    /** The newest snapshot; cheap, never blocks. */
    @Override
    public RunSnapshot snapshot() {
        return latest;
    }

    public String jobId() {
        return execution.jobId();
    }

    @Override
    public String jobName() {
        return execution.jobName();
    }

    @Override
    public boolean live() {
        return true;
    }

    /** How the run ended, once it has. */
    public CompletableFuture<RunOutcome> result() {
        return execution.result().thenApply(RunOutcome::new);
    }

    /** This run's checkpoint folder ({@code <checkpoints>/<job-id>}): resuming from it takes its newest valid checkpoint. */
    public Path checkpointFolder() {
        return execution.coordinator().storage().jobDir();
    }

    /** Where one-click savepoints go: the job's {@code state.savepoints.dir}, or the studio's default. */
    public Path savepointDirectory() {
        return savepointDirectory;
    }

    public void cancel() {
        execution.cancel();
    }

    /** Ends the run as if its process had been killed; its retained checkpoints stay for a resume. */
    public void crash() {
        execution.crash();
    }

    /** A savepoint into {@code state.savepoints.dir} (a subfolder {@code name} when one is given). */
    public CompletableFuture<Path> savepoint(String name) {
        return execution.triggerSavepoint(target(name), StopMode.NONE);
    }

    /** Stop-with-savepoint; with {@code drain} the sources end first so windows fire. */
    public CompletableFuture<Path> stopWithSavepoint(String name, boolean drain) {
        return execution.triggerSavepoint(target(name), drain ? StopMode.DRAIN : StopMode.SUSPEND);
    }

    @Override
    public String savepointLocation() {
        return String.valueOf(savepointDirectory);
    }

    @Override
    public CompletableFuture<String> takeSavepoint(String name) {
        return savepoint(name).thenApply(Path::toString);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean drain) {
        return stopWithSavepoint(null, drain).thenApply(Path::toString);
    }

    private Path target(String name) {
        if (name == null || name.isBlank()) {
            return savepointDirectory;
        }
        String safe = name.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
        return savepointDirectory.resolve(safe);
    }

    /** Fails a subtask (-1: every subtask) of the operator at its next batch. */
    public void failNow(String operatorId, int subtask) {
        execution.faults().failNow(operatorId, subtask);
    }

    /** Fails a subtask (-1: every subtask) once it has processed {@code records} more records than now. */
    public void failAfter(String operatorId, int subtask, long records) {
        long done = execution.metrics().operator(operatorId)
                .map(o -> subtask < 0 ? o.subtasks().stream().mapToLong(s -> s.recordsIn()).min().orElse(0)
                        : o.subtasks().stream().filter(s -> s.subtask() == subtask).mapToLong(s -> s.recordsIn()).findFirst().orElse(0))
                .orElse(0L);
        execution.faults().failAfterRecords(operatorId, subtask, done + records);
    }

    public void failNextCheckpoint() {
        execution.faults().failNextCheckpoint();
    }

    /** Delays each record of the operator by {@code micros} (0 removes the delay). */
    public void slow(String operatorId, long micros) {
        execution.faults().slow(operatorId, micros);
    }

    /**
     * Switches the engine's barrier trace on or off for this run (barrier slow motion). While on, the trace
     * events and the coordinator's checkpoint events queue in {@link #trace()} for the overlay to drain.
     */
    public void traceBarriers(boolean on) {
        tracing = on;
        execution.traceBarriers(on);
        if (!on) {
            trace.clear();
        }
    }

    public boolean tracingBarriers() {
        return tracing;
    }

    /** The queued barrier trace (bounded; drained on the JavaFX thread, never blocks). */
    public TraceFeed trace() {
        return trace;
    }

    /** Delays each record of every source by {@code micros} (0 removes it), so barriers take visible time. */
    public void slowSources(long micros) {
        for (TaskVertex v : execution.plan().vertices()) {
            if (v.isSource()) {
                execution.faults().slow(v.head().id(), micros);
            }
        }
    }

    /** The tasks of the running job by name ({@code "a -> b"}, as events name them): their chained operators, in plan order. */
    public Map<String, List<String>> taskChains() {
        Map<String, List<String>> tasks = new LinkedHashMap<>();
        for (TaskVertex v : execution.plan().vertices()) {
            tasks.put(v.name(), v.chain().stream().map(ValidatedOperator::id).toList());
        }
        return tasks;
    }

    /** The operators of the running job with their parallelism, in plan order. */
    public Map<String, Integer> operators() {
        Map<String, Integer> ops = new LinkedHashMap<>();
        for (TaskVertex v : execution.plan().vertices()) {
            for (ValidatedOperator o : v.chain()) {
                ops.put(o.id(), v.parallelism());
            }
        }
        return ops;
    }

    private void sample() {
        MetricsSnapshot metrics = execution.metrics();
        CheckpointStatsSnapshot checkpoints = execution.checkpoints();
        int eventCount;
        synchronized (events) {
            eventCount = events.size();
        }
        history.record(metrics);
        history.record(checkpoints.history());
        boolean changed = metrics.revision() != lastMetricsRevision || checkpoints.counts().total() != lastCheckpointTotal
                || checkpoints.counts().inProgress() != lastCheckpointInProgress || eventCount != lastEventCount
                || latest.status() != execution.status();
        if (changed) {
            lastMetricsRevision = metrics.revision();
            lastCheckpointTotal = checkpoints.counts().total();
            lastCheckpointInProgress = checkpoints.counts().inProgress();
            lastEventCount = eventCount;
            latest = build();
        } else if (checkpoints.counts().inProgress() > 0) {
            latest = build(); // an in-progress checkpoint's acknowledgements change without changing the counts
        }
    }

    private void finalSample() {
        if (endedAt == 0) {
            endedAt = System.currentTimeMillis();
        }
        sample();
        latest = build();
        sampling.cancel(false);
    }

    private RunSnapshot build() {
        List<EngineEvent> copy;
        synchronized (events) {
            copy = List.copyOf(events);
        }
        int restarts = (int) copy.stream().filter(e -> e instanceof EngineEvent.JobRestarting).count();
        CheckpointSettings settings = execution.coordinator().settings();
        var status = execution.status();
        if (status.isTerminal() && endedAt == 0) {
            // fixed by the first terminal snapshot: views draw up to the end, which must not move afterwards
            endedAt = System.currentTimeMillis();
        }
        return new RunSnapshot(++revision, execution.jobId(), execution.jobName(), status, startedAt, endedAt,
                execution.metrics(), execution.checkpoints(), copy, restarts, Map.copyOf(operatorTask), settings, restoredFrom, history);
    }
}
