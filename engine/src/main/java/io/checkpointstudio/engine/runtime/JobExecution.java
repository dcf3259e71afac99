package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsTracker;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EventBus;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.operator.JobScope;
import io.checkpointstudio.engine.recovery.RestartStrategy;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running job in this process: start it (fresh or from a checkpoint or savepoint), watch it (status,
 * metrics and checkpoint statistics snapshots, events), inject faults, cancel it, and wait for its
 * {@link JobResult}. When a subtask fails, all of the job's tasks are cancelled and, if the restart
 * strategy allows, the job restarts from the latest completed checkpoint. Methods are safe to call from
 * any thread and never block on the job's own threads.
 */
public final class JobExecution implements AutoCloseable {
    private final String jobId = UUID.randomUUID().toString().replace("-", "");
    private final ValidatedJob job;
    private final PhysicalPlan plan;
    private final RunOptions options;
    private final ExpressionCompiler compiler = new ExpressionCompiler();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final OperatorResults results;
    private final EventBus events;
    private final BarrierTracer barrierTracer;
    private final FaultInjector faults;
    private final Map<String, Object> jobScoped = new ConcurrentHashMap<>();
    private final AtomicReference<MetricsSnapshot> snapshot = new AtomicReference<>(MetricsSnapshot.initial());
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final ScheduledExecutorService control;
    private final ExecutorService snapshotPool;
    private final CheckpointStatsTracker checkpointStats = new CheckpointStatsTracker(1000);
    private final CheckpointCoordinator coordinator;
    private final SnapshotWriter snapshotWriter;
    private final RestartStrategy restartStrategy;
    private final long bufferTimeoutNanos;
    private final long autoWatermarkIntervalNanos;
    private final long startedNanos = System.nanoTime();
    private final List<RestoreRecord> restores = new ArrayList<>();
    private volatile JobStatus status = JobStatus.CREATED;
    private volatile JobAttempt attempt;
    private volatile boolean cancelRequested;
    private volatile boolean crashRequested;
    static final String CRASH_MESSAGE = "crashed as if the process had been killed; resume from its retained checkpoints";
    private volatile long failureNanos;
    private volatile long activeNanos;

    /** One recovery: which attempt, from which checkpoint (0 = none), and when its operators saw their first record. */
    public record RestoreRecord(int attempt, long checkpointId, long failureNanos, Map<String, Long> firstRecordNanos) {
        /** Failure to the first record processed by {@code operatorId} in the restored attempt, or -1. */
        public long restoreMillis(String operatorId) {
            Long first = firstRecordNanos.get(operatorId);
            return first == null ? -1 : (first - failureNanos) / 1_000_000L;
        }
    }

    private JobExecution(ValidatedJob job, RunOptions options, FaultInjector faults) {
        this.job = job;
        this.options = options;
        this.faults = faults;
        this.plan = Planner.plan(job, options.chaining());
        this.results = new OperatorResults(plan);
        this.events = new EventBus(jobName(), 10_000);
        this.barrierTracer = new BarrierTracer(plan, events);
        this.bufferTimeoutNanos = Math.max(1_000_000L, job.config().get(ConfigOptions.BUFFER_TIMEOUT).toNanos());
        this.autoWatermarkIntervalNanos = job.config().get(ConfigOptions.AUTO_WATERMARK_INTERVAL).toNanos();
        this.restartStrategy = RestartStrategy.of(job.config());
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, jobName() + " control");
            t.setDaemon(true);
            return t;
        });
        this.snapshotPool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, jobName() + " snapshots");
            t.setDaemon(true);
            return t;
        });
        CheckpointSettings settings = CheckpointSettings.of(job.config());
        // The coordinator also exists without periodic checkpoints: savepoints work either way, as in Flink.
        this.coordinator = new CheckpointCoordinator(settings, jobId, jobName(), plan.maxParallelism(), checkpointStats, events::publish,
                        cause -> control.execute(() -> {
                            JobAttempt a = attempt;
                            if (a != null) {
                                subtaskFailed("checkpoint coordinator", 0, cause);
                                a.failFromOutside(cause, "checkpoint coordinator");
                            }
                        }));
        this.snapshotWriter = new SnapshotWriter(coordinator, snapshotPool);
        if (coordinator != null) {
            faults.onCheckpointWriteFailureRequested(coordinator::failNextCheckpointWrite);
        }
    }

    /** Plans and starts the job; returns at once. */
    public static JobExecution start(ValidatedJob job, RunOptions options) throws Exception {
        return start(job, options, new FaultInjector(), null);
    }

    /**
     * Plans and starts the job with faults to inject, optionally from a checkpoint or savepoint folder
     * (state and source positions are restored from it). A connector address {@code local} is resolved
     * first ({@link LocalAddresses}): the local services it names are started if needed, which may take
     * seconds; their progress goes to {@link LocalServices#shared()}'s listeners.
     */
    public static JobExecution start(ValidatedJob job, RunOptions options, FaultInjector faults, Path restoreFrom) throws Exception {
        // "local" addresses name the studio's local services: started if needed, resolved for this run only
        job = LocalAddresses.resolve(job, LocalServices.shared());
        SnapshotRestore restore = null;
        if (restoreFrom != null) {
            restore = SnapshotRestore.open(restoreFrom);
            RestoreCheck.Report report = RestoreCheck.check(job, restore, job.config().get(ConfigOptions.IGNORE_UNCLAIMED_STATE));
            if (!report.canRestore()) {
                throw new IllegalArgumentException(report.problem());
            }
        }
        JobExecution execution = new JobExecution(job, options, faults);
        execution.launch(restore);
        return execution;
    }

    private void launch(SnapshotRestore restore) throws Exception {
        JobAttempt first = new JobAttempt(this, plan, options, 1, restore);
        attempt = first;
        setStatus(JobStatus.RUNNING, restore == null ? null : "restored from " + restore.dir());
        if (restore != null && coordinator != null) {
            coordinator.continueNumberingAfter(restore.metadata().checkpointId());
        }
        if (restore != null) {
            checkpointStats.restored(new CheckpointStatsSnapshot.Restored(restore.metadata().checkpointId(), System.currentTimeMillis(),
                    restore.metadata().savepoint(), restore.dir().toString(), -1));
        }
        control.scheduleAtFixedRate(this::sample, options.metricsIntervalMs(), options.metricsIntervalMs(), TimeUnit.MILLISECONDS);
        run(first);
    }

    private void run(JobAttempt a) {
        a.done().whenComplete((outcome, error) -> control.execute(() -> attemptEnded(a, outcome)));
        if (coordinator != null) {
            coordinator.start(a);
        }
        a.start();
    }

    private void attemptEnded(JobAttempt ended, JobAttempt.Outcome outcome) {
        activeNanos = ended.activeNanos();
        if (outcome.failure() != null && !cancelRequested) {
            long delay = restartStrategy.onFailure(System.currentTimeMillis());
            if (delay >= 0) {
                restart(ended, outcome, delay);
                return;
            }
        }
        JobStatus end = crashRequested ? JobStatus.FAILED
                : outcome.finished() ? JobStatus.FINISHED : outcome.failure() != null ? JobStatus.FAILED : JobStatus.CANCELED;
        String message = crashRequested ? CRASH_MESSAGE
                : outcome.failure() == null ? null : outcome.failedSubtask() + " failed: " + describe(outcome.failure())
                + (end == JobStatus.FAILED && restartStrategy instanceof io.checkpointstudio.engine.recovery.NoRestart ? ""
                : " (no restart left: " + restartStrategy.describe() + ")");
        if (crashRequested) {
            coordinator.abandon();
        } else {
            coordinator.stop(end);
        }
        try {
            io.checkpointstudio.engine.state.rocksdb.WorkingFolders.deleteJob(jobId);
        } catch (java.io.IOException e) {
            events.publish(new EngineEvent.Notice(System.currentTimeMillis(), "could not delete the RocksDB working folder of the job: "
                    + e.getMessage()));
        }
        setStatus(end, message);
        sample();
        control.shutdown();
        snapshotPool.shutdown();
        long duration = (System.nanoTime() - startedNanos) / 1_000_000L;
        result.complete(new JobResult(jobId, jobName(), end, duration, activeNanos / 1_000_000L, outcome.failure(),
                metrics.totals(plan), results));
        events.close();
    }

    private void restart(JobAttempt ended, JobAttempt.Outcome outcome, long delayMillis) {
        setStatus(JobStatus.RESTARTING, outcome.failedSubtask() + " failed: " + describe(outcome.failure()));
        events.publish(new EngineEvent.JobRestarting(System.currentTimeMillis(), ended.number() + 1, delayMillis, describe(outcome.failure())));
        if (coordinator != null) {
            coordinator.suspend("the job is restarting");
        }
        control.schedule(() -> {
            if (cancelRequested) {
                attemptEnded(ended, new JobAttempt.Outcome(true, null, null));
                return;
            }
            try {
                SnapshotRestore restore = latestRestorableCheckpoint();
                if (restore == null) {
                    restore = ended.restoreFrom(); // no checkpoint completed since the start: the snapshot it started from
                }
                JobAttempt next = new JobAttempt(this, plan, options, ended.number() + 1, restore);
                synchronized (restores) {
                    restores.add(new RestoreRecord(next.number(), restore == null ? 0 : restore.metadata().checkpointId(),
                            failureNanos, new ConcurrentHashMap<>()));
                }
                attempt = next;
                setStatus(JobStatus.RUNNING, restore == null ? "restarted from the beginning (no checkpoint completed yet)"
                        : "restarted from checkpoint " + restore.metadata().checkpointId());
                run(next);
            } catch (Exception e) {
                attemptEnded(ended, new JobAttempt.Outcome(false, e, "restore"));
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The newest completed checkpoint whose metadata still verifies; damaged ones are skipped with a notice naming them. */
    private SnapshotRestore latestRestorableCheckpoint() {
        if (coordinator == null) {
            return null;
        }
        List<CheckpointCoordinator.CompletedCheckpoint> all = new ArrayList<>(coordinator.completedCheckpoints());
        java.util.Collections.reverse(all);
        for (CheckpointCoordinator.CompletedCheckpoint c : all) {
            try {
                return SnapshotRestore.open(c.dir());
            } catch (java.io.IOException e) {
                events.publish(new EngineEvent.Notice(System.currentTimeMillis(), "skipping checkpoint " + c.id() + ": " + e.getMessage()
                        + "; trying the one before"));
            }
        }
        return null;
    }

    void firstRecordProcessed(JobAttempt a, String operatorId) {
        if (a.number() == 1) {
            return;
        }
        RestoreRecord r;
        synchronized (restores) {
            r = restores.stream().filter(x -> x.attempt() == a.number()).findFirst().orElse(null);
        }
        if (r == null) {
            return;
        }
        long now = System.nanoTime();
        boolean firstOverall = r.firstRecordNanos().isEmpty();
        r.firstRecordNanos().putIfAbsent(operatorId, now);
        boolean isSource = plan.vertices().stream().anyMatch(v -> v.isSource() && v.head().id().equals(operatorId));
        if (firstOverall && !isSource || !isSource && r.firstRecordNanos().keySet().stream().allMatch(this::isSourceOperator)) {
            long ms = (now - r.failureNanos()) / 1_000_000L;
            events.publish(new EngineEvent.JobRestored(System.currentTimeMillis(), r.checkpointId(), ms, null));
            if (coordinator != null && r.checkpointId() > 0) {
                coordinator.restored(new CheckpointStatsSnapshot.Restored(r.checkpointId(), System.currentTimeMillis(), false,
                        coordinator.storage().checkpointDir(r.checkpointId()).toString(), ms));
            }
        }
    }

    private boolean isSourceOperator(String id) {
        return plan.vertices().stream().anyMatch(v -> v.isSource() && v.head().id().equals(id));
    }

    private void sample() {
        snapshot.set(metrics.sample(plan, status, (System.nanoTime() - startedNanos) / 1_000_000L));
    }

    private void setStatus(JobStatus newStatus, String message) {
        status = newStatus;
        events.publish(new EngineEvent.JobStatusChanged(System.currentTimeMillis(), newStatus, message));
    }

    void subtaskFailed(String label, int subtask, Throwable t) {
        failureNanos = System.nanoTime();
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        events.publish(new EngineEvent.TaskFailed(System.currentTimeMillis(), label, subtask, describe(t), trace.toString()));
        if (status == JobStatus.RUNNING) {
            setStatus(JobStatus.FAILING, label + " failed: " + describe(t));
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * Ends the job as if its process had been killed: the tasks stop where they are, no checkpoint is
     * finished, committed or deleted, whatever the retention setting. The job ends FAILED; its checkpoint
     * folder is what a restart of the process would resume from ({@code run --from}).
     */
    public void crash() {
        crashRequested = true;
        cancelRequested = true;
        coordinator.abandon();
        JobAttempt a = attempt;
        if (a != null && !status.isTerminal()) {
            a.cancel();
        }
    }

    /** Stops the job; its result completes with CANCELED. */
    public void cancel() {
        cancelRequested = true;
        JobAttempt a = attempt;
        if (a != null && !status.isTerminal()) {
            setStatus(JobStatus.CANCELLING, null);
            a.cancel();
        }
    }

    public CompletableFuture<JobResult> result() {
        return result;
    }

    /** Waits for the job to end. */
    public JobResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public String jobId() {
        return jobId;
    }

    public String jobName() {
        return job.document().name();
    }

    public JobStatus status() {
        return status;
    }

    /** The latest metrics snapshot; never blocks. */
    public MetricsSnapshot metrics() {
        return snapshot.get();
    }

    /** The latest checkpoint statistics (Flink's REST shape); never blocks. */
    public CheckpointStatsSnapshot checkpoints() {
        return checkpointStats.snapshot();
    }

    public EventBus events() {
        return events;
    }

    public FaultInjector faults() {
        return faults;
    }

    /**
     * Switches the barrier trace on or off for this run (also across restarts): while on, every subtask
     * publishes {@link EngineEvent.BarrierTrace} events (barriers emitted, sent, received, channels blocked
     * and released, in-flight data captured, snapshot phases, acknowledgements) on {@link #events()}. Off,
     * it costs one volatile read per barrier.
     */
    public void traceBarriers(boolean on) {
        barrierTracer.enable(on);
    }

    public boolean tracingBarriers() {
        return barrierTracer.on();
    }

    BarrierTracer barrierTracer() {
        return barrierTracer;
    }

    public PhysicalPlan plan() {
        return plan;
    }

    public ValidatedJob job() {
        return job;
    }

    /**
     * Takes a savepoint into {@code directory} (or {@code execution.checkpointing.savepoint-dir} when null);
     * completes with the savepoint's folder. With {@code stop} the job then finishes (DRAIN: after its sources
     * ended their input and windows fired; SUSPEND: as it is).
     */
    public CompletableFuture<Path> triggerSavepoint(Path directory, CheckpointCoordinator.StopMode stop) {
        Path dir = directory != null ? directory : coordinator.settings().savepointDirectory();
        if (dir == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "no savepoint directory: set execution.checkpointing.savepoint-dir (state.savepoints.dir) or give one"));
        }
        if (status != JobStatus.RUNNING) {
            return CompletableFuture.failedFuture(new IllegalStateException("the job is " + status + "; savepoints need a RUNNING job"));
        }
        return coordinator.triggerSavepoint(dir, stop);
    }

    /** The checkpoint coordinator (also when periodic checkpoints are off: it takes savepoints). */
    public CheckpointCoordinator coordinator() {
        return coordinator;
    }

    /** Every recovery so far, oldest first. */
    public List<RestoreRecord> restores() {
        synchronized (restores) {
            return List.copyOf(restores);
        }
    }

    MetricsRegistry metricsRegistry() {
        return metrics;
    }

    OperatorResults results() {
        return results;
    }

    ExpressionCompiler compiler() {
        return compiler;
    }

    SnapshotWriter snapshotWriter() {
        return snapshotWriter;
    }

    JobScope jobScope() {
        return new JobScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getOrCreate(String key, java.util.function.Supplier<T> factory) {
                return (T) jobScoped.computeIfAbsent(key, k -> factory.get());
            }
        };
    }

    long bufferTimeoutNanos() {
        return bufferTimeoutNanos;
    }

    long autoWatermarkIntervalNanos() {
        return autoWatermarkIntervalNanos;
    }

    @Override
    public void close() {
        cancel();
        try {
            result.get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing is best effort
        }
        control.shutdownNow();
        snapshotPool.shutdownNow();
    }
}
