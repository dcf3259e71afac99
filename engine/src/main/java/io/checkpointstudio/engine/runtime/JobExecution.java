package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsTracker;
import io.checkpointstudio.engine.checkpoint.DamagedSnapshotException;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.checkpoint.SnapshotVerifier;
import io.checkpointstudio.engine.checkpoint.StorageCheck;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EventBus;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.operator.JobScope;
import io.checkpointstudio.engine.recovery.NoRestart;
import io.checkpointstudio.engine.recovery.RepeatedFailure;
import io.checkpointstudio.engine.recovery.RestartStrategy;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Attempts whose restore has been reported (JobRestored), each once. */
    private final Set<Integer> restoredAttempts = ConcurrentHashMap.newKeySet();
    private volatile JobStatus status = JobStatus.CREATED;
    private volatile JobAttempt attempt;
    private volatile boolean cancelRequested;
    private volatile boolean crashRequested;
    static final String CRASH_MESSAGE = "crashed as if the process had been killed; resume from its retained checkpoints";
    private volatile long failureNanos;
    private volatile long activeNanos;
    /** Snapshots found damaged in this run, with why: never restored from again (used on the control thread only). */
    private final Map<Path, String> damagedSnapshots = new java.util.HashMap<>();
    private final RepeatedFailure repeatedFailures = new RepeatedFailure();

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
                        (of, cause) -> control.execute(() -> {
                            JobAttempt a = attempt;
                            if (a != null && a == of) { // a later attempt is not failed for an earlier one's checkpoints
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
        return startFrom(job, options, faults, restoreFrom == null ? null : SnapshotRestore.open(restoreFrom));
    }

    /**
     * As {@link #start(ValidatedJob, RunOptions, FaultInjector, Path)}, from a snapshot already opened (and
     * so verified, see {@link SnapshotRestore#open}), or null for a fresh start. Refuses to start when the
     * snapshot does not fit the job or checkpoints cannot be written ({@link StorageCheck}).
     */
    public static JobExecution startFrom(ValidatedJob job, RunOptions options, FaultInjector faults, SnapshotRestore restore) throws Exception {
        // "local" addresses name the studio's local services: started if needed, resolved for this run only
        job = LocalAddresses.resolve(job, LocalServices.shared());
        if (restore != null) {
            RestoreCheck.Report report = RestoreCheck.check(job, restore, job.config().get(ConfigOptions.IGNORE_UNCLAIMED_STATE));
            if (!report.canRestore()) {
                throw new IllegalArgumentException(report.problem());
            }
        }
        // the first checkpoint of a new run writes all of its state, also from an incremental snapshot
        checkCheckpointStorage(job, restore == null ? 0 : restore.metadata().stateSize(), "the size of the snapshot it restores");
        JobExecution execution = new JobExecution(job, options, faults);
        execution.launch(restore);
        return execution;
    }

    private static void checkCheckpointStorage(ValidatedJob job, long expectedBytes, String basis) throws IOException {
        CheckpointSettings settings = CheckpointSettings.of(job.config());
        if (settings.enabled()) {
            StorageCheck.checkpointDirectory(settings.directory(), expectedBytes, basis,
                    job.config().keyAsWritten(ConfigOptions.CHECKPOINTS_DIRECTORY));
        }
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
        watchForNoProgress();
        run(first);
    }

    /** Starts the no-progress watchdog on the control thread, unless checkpoint-studio.task.no-progress-timeout is 0. */
    private void watchForNoProgress() {
        Duration timeout = job.config().get(ConfigOptions.NO_PROGRESS_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        NoProgressWatchdog watchdog = new NoProgressWatchdog(this, timeout);
        long period = watchdog.periodMillis();
        control.scheduleAtFixedRate(() -> {
            JobAttempt a = attempt;
            try {
                if (a != null) {
                    watchdog.check(a, System.nanoTime());
                }
            } catch (RuntimeException e) { // a periodic task that throws is never run again
                events.publish(new EngineEvent.Notice(System.currentTimeMillis(), "the no-progress check failed: " + describe(e)));
            }
        }, period, period, TimeUnit.MILLISECONDS);
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
        if (outcome.failure() == null || cancelRequested) {
            finish(outcome, null);
            return;
        }
        DamagedSnapshotException damage = DamagedSnapshotException.in(outcome.failure());
        if (damage != null && ended.restoreFrom() != null) {
            restoreFailed(ended, outcome, damage);
            return;
        }
        String hopeless = restartsCannotHelp(outcome);
        if (hopeless != null) {
            finish(new JobAttempt.Outcome(false, new IOException(hopeless, outcome.failure()), outcome.failedSubtask()), hopeless);
            return;
        }
        long delay = restartStrategy.onFailure(System.currentTimeMillis());
        if (delay >= 0) {
            restart(ended, outcome, delay, null);
            return;
        }
        finish(outcome, outcome.failedSubtask() + " failed: " + describe(outcome.failure())
                + (restartStrategy instanceof NoRestart ? "" : " (no restart left: " + restartStrategy.describe() + ")"));
    }

    /**
     * Whether restarting is pointless: the checkpoint storage is unusable (the folder is a file, cannot be
     * written, or has no room for another checkpoint like the last one), or a failure came back the same way
     * with no checkpoint completing in between (the storage again, or the same records failing in the same
     * task, which a restore would only replay). Returns why, or null.
     */
    private String restartsCannotHelp(JobAttempt.Outcome outcome) {
        RepeatedFailure.Repeat repeated = repeatedFailures.record(outcome.failure(), outcome.failedSubtask(),
                checkpointStats.snapshot().counts().completed());
        if (repeated instanceof RepeatedFailure.Repeat.Records records) {
            return records.where() + " failed again on the same records with no checkpoint completed since the last failure ("
                    + records.message() + "); restarting replays them and cannot help. Change the job or its input, then run it again";
        }
        if (!coordinator.settings().enabled()) {
            return null;
        }
        String resume = "; restarting cannot help. " + resumeAdvice();
        try {
            checkCheckpointStorage(job, expectedCheckpointBytes(), "like the last checkpoint");
        } catch (IOException e) {
            return e.getMessage() + resume;
        }
        if (repeated instanceof RepeatedFailure.Repeat.Storage storage) {
            return "the checkpoint storage failed again with \"" + storage.kind() + "\" and no checkpoint completed since the last failure ("
                    + outcome.failedSubtask() + ": " + describe(outcome.failure()) + ")" + resume;
        }
        return null;
    }

    /** Where to go on from once the storage is fixed: the job folder, when its checkpoints outlive the failure. */
    private String resumeAdvice() {
        if (coordinator.latestCompleted().isEmpty()) {
            return "Fix the storage, then run the job again";
        }
        if (coordinator.settings().retention() == ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS) {
            return "Fix the storage, then run the job again (its checkpoints are deleted as it fails: "
                    + "execution.checkpointing.externalized-checkpoint-retention is NO_EXTERNALIZED_CHECKPOINTS)";
        }
        return "Fix the storage, then resume with run --from " + coordinator.storage().jobDir();
    }

    /** What the next checkpoint will write: as much as the last one (its new files only, when incremental). */
    private long expectedCheckpointBytes() {
        var latest = coordinator.latestCompleted();
        if (latest.isPresent()) {
            return latest.get().metadata().checkpointedSize();
        }
        JobAttempt a = attempt;
        return a != null && a.restoreFrom() != null ? a.restoreFrom().metadata().stateSize() : 0;
    }

    /**
     * A restore failed because a file of its snapshot is damaged: not a task failure, so the restart strategy
     * is not asked. The snapshot is never tried again; the job restarts at once from an older retained
     * checkpoint that verifies, or fails naming the damage.
     */
    private void restoreFailed(JobAttempt ended, JobAttempt.Outcome outcome, DamagedSnapshotException damage) {
        SnapshotRestore damaged = ended.restoreFrom();
        damagedSnapshots.put(damaged.dir().toAbsolutePath().normalize(), damage.getMessage());
        events.publish(new EngineEvent.Notice(System.currentTimeMillis(), "cannot restore " + snapshotName(damaged) + ": "
                + damage.getMessage() + "; it is not tried again"));
        SnapshotRestore older;
        try {
            older = chooseRestore(ended);
        } catch (IOException e) {
            finish(new JobAttempt.Outcome(false, e, "restore"), e.getMessage());
            return;
        }
        restart(ended, outcome, 0, older);
    }

    private static String snapshotName(SnapshotRestore s) {
        return (s.metadata().savepoint() ? "savepoint " : "checkpoint ") + s.metadata().checkpointId() + " (" + s.dir() + ")";
    }

    /** The job's terminal steps: stop checkpointing (keep or delete checkpoints), publish the status, complete the result. */
    private void finish(JobAttempt.Outcome outcome, String failureMessage) {
        JobStatus end = crashRequested ? JobStatus.FAILED
                : outcome.finished() ? JobStatus.FINISHED : outcome.failure() != null ? JobStatus.FAILED : JobStatus.CANCELED;
        String message = crashRequested ? CRASH_MESSAGE : outcome.failure() == null ? null : failureMessage;
        if (crashRequested) {
            coordinator.abandon();
        } else {
            coordinator.stop(end);
        }
        try {
            io.checkpointstudio.engine.state.rocksdb.WorkingFolders.deleteJob(jobId);
        } catch (IOException e) {
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

    /** Restarts after {@code delayMillis}, from {@code from} when given, else from the newest retained checkpoint that verifies. */
    private void restart(JobAttempt ended, JobAttempt.Outcome outcome, long delayMillis, SnapshotRestore from) {
        setStatus(JobStatus.RESTARTING, outcome.failedSubtask() + " failed: " + describe(outcome.failure()));
        events.publish(new EngineEvent.JobRestarting(System.currentTimeMillis(), ended.number() + 1, delayMillis, describe(outcome.failure())));
        if (coordinator != null) {
            coordinator.suspend("the job is restarting");
        }
        control.schedule(() -> {
            if (cancelRequested) {
                finish(new JobAttempt.Outcome(true, null, null), null);
                return;
            }
            SnapshotRestore restore;
            try {
                restore = from != null ? from : chooseRestore(ended);
            } catch (IOException e) {
                finish(new JobAttempt.Outcome(false, e, "restore"), e.getMessage());
                return;
            }
            try {
                JobAttempt next = new JobAttempt(this, plan, options, ended.number() + 1, restore);
                synchronized (restores) {
                    restores.add(new RestoreRecord(next.number(), restore == null ? 0 : restore.metadata().checkpointId(),
                            failureNanos, new ConcurrentHashMap<>()));
                }
                attempt = next;
                setStatus(JobStatus.RUNNING, restore == null ? "restarted from the beginning (no checkpoint completed yet)"
                        : "restarted from " + (restore.metadata().savepoint() ? "savepoint " : "checkpoint ") + restore.metadata().checkpointId());
                run(next);
            } catch (Exception e) {
                attemptEnded(ended, new JobAttempt.Outcome(false, e, "restore"));
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Where a restart restores from: the newest retained checkpoint whose metadata and files verify (damaged
     * ones are skipped with a notice naming their bad files, and never tried again); when none completed
     * in this run, the snapshot the job started from ({@code since}'s), verified again; null when the job
     * started fresh and no checkpoint completed. Throws, naming the damage, when there were snapshots to
     * restore and none verifies: starting over without their state would not be a recovery.
     */
    private SnapshotRestore chooseRestore(JobAttempt since) throws IOException {
        List<CheckpointCoordinator.CompletedCheckpoint> all = new ArrayList<>(coordinator.completedCheckpoints());
        java.util.Collections.reverse(all);
        SnapshotVerifier verifier = new SnapshotVerifier();
        List<String> problems = new ArrayList<>();
        for (CheckpointCoordinator.CompletedCheckpoint c : all) {
            SnapshotRestore ok = verified(c.dir(), "checkpoint " + c.id(), "; trying the one before", verifier, problems);
            if (ok != null) {
                return ok;
            }
        }
        SnapshotRestore startedFrom = since.restoreFrom();
        if (all.isEmpty() && startedFrom != null) { // no checkpoint completed since the start
            SnapshotRestore ok = verified(startedFrom.dir(), snapshotName(startedFrom), "", verifier, problems);
            if (ok != null) {
                return ok;
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        throw new IOException("no snapshot of this run can be restored: " + String.join("; ", problems)
                + "; restarting cannot help. Restore from an older checkpoint or a savepoint with run --from, or start the job without state");
    }

    /** The snapshot in {@code dir} opened (and so verified), or null when it is damaged: then why goes to {@code problems}. */
    private SnapshotRestore verified(Path dir, String name, String next, SnapshotVerifier verifier, List<String> problems) {
        Path key = dir.toAbsolutePath().normalize();
        String known = damagedSnapshots.get(key);
        if (known == null) {
            try {
                return SnapshotRestore.open(dir, verifier);
            } catch (IOException e) {
                known = e.getMessage();
                damagedSnapshots.put(key, known);
                events.publish(new EngineEvent.Notice(System.currentTimeMillis(), "skipping " + name + ": " + known + next));
            }
        }
        problems.add(name + ": " + known);
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
        r.firstRecordNanos().putIfAbsent(operatorId, now);
        // The first operator after the sources to process a record ends the restore; operators on other
        // threads may reach their first record at the same moment, so the event is claimed once per attempt.
        if (!isSourceOperator(operatorId) && restoredAttempts.add(a.number())) {
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
