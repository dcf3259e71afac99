package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the checkpoint protocol of one job: triggers checkpoints (honouring interval, min-pause and
 * max-concurrent), collects every subtask's acknowledgement, writes {@code _metadata} last, notifies the
 * tasks, keeps {@code num-retained} checkpoints, expires those that take longer than the timeout, and fails
 * the job when more consecutive checkpoints fail than tolerated. All of its work runs on one thread of its
 * own, so its state needs no locks; others only post to it.
 */
public final class CheckpointCoordinator implements AutoCloseable {

    /** Called when the job must fail over because of checkpoints. */
    public interface JobFailer {
        /** Fails the attempt {@code of}, unless it has already ended (a failure of a checkpoint it took part in). */
        void failJob(CheckpointParticipants of, Throwable cause);
    }

    private final CheckpointSettings settings;
    private final CheckpointStorage storage;
    private final SharedStateRegistry sharedState;
    private final String jobId;
    private final String jobName;
    private final int maxParallelism;
    private final CheckpointStatsTracker stats;
    private final Consumer<EngineEvent> events;
    private final JobFailer failer;
    private final ScheduledExecutorService thread;
    private final Map<Long, PendingCheckpoint> pending = new LinkedHashMap<>();
    private final ArrayDeque<CompletedCheckpoint> completed = new ArrayDeque<>();
    private CheckpointParticipants participants;
    private long nextId = 1;
    private long lastTriggerNanos;
    private long lastCompletionNanos;
    private ScheduledFuture<?> nextTrigger;
    private boolean finalRequested;
    private long finalTriggered;
    private boolean finalDone;
    private boolean tasksFinished;
    private boolean stopped;
    private int injectedWriteFailures; // checkpoints whose write is still to fail (guarded by this)
    private final java.util.Set<Long> checkpointsFailingWrites = new java.util.HashSet<>(); // guarded by this
    private final Map<Long, Path> directories = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean stopping;

    /** How a savepoint ends the job: not at all, stopped as it is, or stopped after draining (sources end, windows fire). */
    public enum StopMode { NONE, SUSPEND, DRAIN }

    /** A completed checkpoint kept for restores and retention. */
    public record CompletedCheckpoint(long id, Path dir, CheckpointMetadata metadata) {
    }

    public CheckpointCoordinator(CheckpointSettings settings, String jobId, String jobName, int maxParallelism,
                                 CheckpointStatsTracker stats, Consumer<EngineEvent> events, JobFailer failer) {
        this.settings = settings;
        this.jobId = jobId;
        this.jobName = jobName;
        this.maxParallelism = maxParallelism;
        this.storage = new CheckpointStorage(settings.directory(), jobId);
        this.sharedState = new SharedStateRegistry(storage.jobDir());
        this.stats = stats;
        this.events = events;
        this.failer = failer;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, jobName + " checkpoint coordinator");
            t.setDaemon(true);
            return t;
        });
    }

    public CheckpointSettings settings() {
        return settings;
    }

    public CheckpointStorage storage() {
        return storage;
    }

    /** The job's shared files of incremental checkpoints and which retained checkpoints use them. */
    public SharedStateRegistry sharedState() {
        return sharedState;
    }

    /** Deletes shared files no retained checkpoint references (only while none is in progress). */
    private void deleteUnusedSharedState() {
        sharedState.deleteUnused(completed.stream().map(CompletedCheckpoint::metadata).toList(), !pending.isEmpty(),
                problem -> events.accept(new EngineEvent.Notice(System.currentTimeMillis(), problem)));
    }

    /** Starts (or, after a restart, continues) checkpointing the tasks of an attempt. */
    public void start(CheckpointParticipants newParticipants) {
        thread.execute(() -> {
            participants = newParticipants;
            finalRequested = false;
            finalTriggered = 0;
            finalDone = false;
            tasksFinished = false;
            lastCompletionNanos = System.nanoTime();
            lastTriggerNanos = System.nanoTime();
            scheduleNext();
        });
    }

    /** A job resumed from checkpoint {@code restoredId} numbers its checkpoints after it, as Flink does. */
    public void continueNumberingAfter(long restoredId) {
        thread.execute(() -> nextId = Math.max(nextId, restoredId + 1));
    }

    /** The job failed or is restarting: abort what is in flight and stop triggering until {@link #start}. */
    public void suspend(String reason) {
        runAndWait(() -> {
            if (nextTrigger != null) {
                nextTrigger.cancel(false);
            }
            // Detached first: failing the pending checkpoints must not trigger new ones (a failed final checkpoint
            // asks for another) on the attempt that is going away; the next attempt would wait behind them.
            participants = null;
            for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
                fail(p, CheckpointFailureReason.JOB_FAILOVER_REGION, reason);
            }
        });
    }

    /** A source subtask reached the end of its input; once all have, a final checkpoint is taken. */
    public void sourcesFinished() {
        thread.execute(() -> {
            finalRequested = true;
            if (pending.size() < settings.maxConcurrent()) {
                trigger();
            }
        });
    }

    /**
     * A task of the current attempt has finished. With execution.checkpointing.checkpoints-after-tasks-finish
     * off, checkpointing stops there, as in Flink before 1.15: a finished task takes no more checkpoints, so
     * the ones in progress can never complete and are aborted, and no more are triggered until a restart.
     */
    public void taskFinished() {
        post(() -> {
            if (settings.afterTasksFinish() || tasksFinished || stopped) {
                return;
            }
            tasksFinished = true;
            if (nextTrigger != null) {
                nextTrigger.cancel(false);
            }
            for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
                fail(p, CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING,
                        "a task has finished and execution.checkpointing.checkpoints-after-tasks-finish is false");
            }
        });
    }

    /**
     * Makes the asynchronous write of the next checkpoint fail (fault injection). Each call fails one more
     * checkpoint: called N times, the next N checkpoints fail.
     */
    public synchronized void failNextCheckpointWrite() {
        injectedWriteFailures++;
    }

    /**
     * Whether a subtask's asynchronous write for {@code checkpointId} should fail now. The first write of a
     * checkpoint that consumes an injected fault marks the whole checkpoint as failing, so the other
     * subtasks' writes of that checkpoint do not use up the faults meant for the following checkpoints.
     */
    public synchronized boolean consumeInjectedWriteFailure(long checkpointId) {
        if (checkpointsFailingWrites.contains(checkpointId)) {
            return true;
        }
        if (injectedWriteFailures > 0) {
            injectedWriteFailures--;
            checkpointsFailingWrites.add(checkpointId);
            return true;
        }
        return false;
    }

    /**
     * Takes a savepoint into {@code targetDir} (a new {@code savepoint-<job>-<n>} folder inside it): an aligned,
     * self-contained snapshot that retention never deletes. With {@code stop} other than NONE the sources stop
     * after its barrier (DRAIN first ends their input, so windows fire) and the job finishes once it completed.
     */
    public java.util.concurrent.CompletableFuture<Path> triggerSavepoint(Path targetDir, StopMode stop) {
        java.util.concurrent.CompletableFuture<Path> result = new java.util.concurrent.CompletableFuture<>();
        thread.execute(() -> {
            if (stopped || participants == null) {
                result.completeExceptionally(new IllegalStateException("the job is not running, so no savepoint can be taken"));
                return;
            }
            if (stopping) {
                result.completeExceptionally(new IllegalStateException("the job is already stopping with a savepoint"));
                return;
            }
            long id = nextId++;
            long now = System.currentTimeMillis();
            Path dir = targetDir.resolve("savepoint-" + jobId.substring(0, 6) + "-" + id);
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (IOException e) {
                result.completeExceptionally(new IOException("cannot create " + dir + ": " + e.getMessage()
                        + " (check the savepoint directory and free disk space)", e));
                return;
            }
            PendingCheckpoint p = new PendingCheckpoint(id, now, dir, participants.tasks(), false);
            p.savepoint = result;
            pending.put(id, p);
            directories.put(id, dir);
            p.timeout = thread.schedule(() -> expire(id), settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            stats.triggered(p.stats(CheckpointStatus.IN_PROGRESS, null, -1));
            events.accept(new EngineEvent.CheckpointTriggered(now, id, true, false));
            if (stop == StopMode.NONE) {
                participants.triggerSources(id, now, false, 0, true, false);
            } else {
                stopping = true;
                if (nextTrigger != null) {
                    nextTrigger.cancel(false);
                }
                participants.stopWithSavepoint(id, now, stop == StopMode.DRAIN);
            }
        });
        return result;
    }

    /** The folder a checkpoint or savepoint in progress writes into. */
    public Path directoryOf(long checkpointId) {
        Path dir = directories.get(checkpointId);
        return dir != null ? dir : storage.checkpointDir(checkpointId);
    }

    public void acknowledge(SubtaskAck ack) {
        post(() -> onAck(ack));
    }

    /** A subtask could not take its part of checkpoint {@code checkpointId}; {@code why} says whether that counts as a failure. */
    public void decline(long checkpointId, String subtask, String detail, CheckpointFailureReason why) {
        post(() -> {
            PendingCheckpoint p = pending.get(checkpointId);
            if (p != null) {
                fail(p, why, subtask + ": " + detail);
            }
        });
    }

    /**
     * Hands work from a task's thread to the coordinator's. After {@link #stop} a snapshot thread may still
     * finish and report a checkpoint the job no longer waits for; that is dropped, as a late
     * acknowledgement of an aborted checkpoint is.
     */
    private void post(Runnable work) {
        try {
            thread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the job has ended: nothing waits for this any more
        }
    }

    /** The newest completed checkpoint, for recovery. */
    public Optional<CompletedCheckpoint> latestCompleted() {
        return callAndWait(() -> Optional.ofNullable(completed.peekLast()));
    }

    public List<CompletedCheckpoint> completedCheckpoints() {
        return callAndWait(() -> List.copyOf(completed));
    }

    public void restored(CheckpointStatsSnapshot.Restored r) {
        stats.restored(r);
    }

    private void scheduleNext() {
        if (stopped || stopping || participants == null || !settings.enabled() || finalDone || tasksFinished) {
            return;
        }
        if (nextTrigger != null) {
            nextTrigger.cancel(false);
            nextTrigger = null;
        }
        if (finalRequested) {
            if (finalTriggered == 0 && pending.size() < settings.maxConcurrent()) {
                trigger();
            }
            return;
        }
        if (pending.size() >= settings.maxConcurrent() || (!settings.minPause().isZero() && !pending.isEmpty())) {
            return; // a completion or failure schedules again
        }
        long now = System.nanoTime();
        long at = Math.max(lastTriggerNanos + settings.interval().toNanos(), lastCompletionNanos + settings.minPause().toNanos());
        nextTrigger = thread.schedule(this::trigger, Math.max(0, at - now), TimeUnit.NANOSECONDS);
    }

    private void trigger() {
        if (stopped || stopping || participants == null || tasksFinished) {
            return;
        }
        if (pending.size() >= settings.maxConcurrent()) {
            return;
        }
        if (finalDone || (finalRequested && finalTriggered != 0)) {
            return;
        }
        long id = nextId++;
        if (finalRequested) {
            finalTriggered = id;
        }
        long now = System.currentTimeMillis();
        lastTriggerNanos = System.nanoTime();
        // The final checkpoint is always aligned: its barriers follow the end of the data in every channel, so each
        // subtask takes it after it processed all its input. An unaligned barrier would overtake the last records
        // and EndOfData, and a two-phase-commit sink would then commit its final checkpoint without them.
        boolean unaligned = settings.startUnaligned() && !finalRequested;
        long alignedTimeout = settings.exactlyOnce() && settings.unaligned() && !finalRequested ? settings.alignedTimeout().toMillis() : 0;
        Path dir;
        try {
            dir = storage.create(id);
        } catch (IOException e) {
            PendingCheckpoint p = new PendingCheckpoint(id, now, null, participants.tasks(), unaligned);
            pending.put(id, p);
            stats.triggered(p.stats(CheckpointStatus.IN_PROGRESS, null, -1)); // counted in total, as Flink does
            events.accept(new EngineEvent.CheckpointTriggered(now, id, false, unaligned));
            fail(p, CheckpointFailureReason.IO_EXCEPTION, "cannot create " + storage.checkpointDir(id) + ": " + e.getMessage()
                    + " (check execution.checkpointing.dir and free disk space)");
            return;
        }
        PendingCheckpoint p = new PendingCheckpoint(id, now, dir, participants.tasks(), unaligned);
        pending.put(id, p);
        directories.put(id, dir);
        p.timeout = thread.schedule(() -> expire(id), settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        stats.triggered(p.stats(CheckpointStatus.IN_PROGRESS, null, -1));
        events.accept(new EngineEvent.CheckpointTriggered(now, id, false, unaligned));
        participants.triggerSources(id, now, unaligned, alignedTimeout, false, finalRequested);
        scheduleNext();
    }

    private void onAck(SubtaskAck ack) {
        PendingCheckpoint p = pending.get(ack.checkpointId());
        if (p == null) {
            return; // late acknowledgement of an expired or aborted checkpoint
        }
        long now = System.currentTimeMillis();
        SubtaskCheckpointStats s = ack.stats();
        SubtaskCheckpointStats withTimes = new SubtaskCheckpointStats(s.index(), now, now - p.triggerTimestamp, s.checkpointedSize(),
                s.stateSize(), s.syncDuration(), s.asyncDuration(), s.processedData(), s.persistedData(), s.alignmentDuration(),
                s.startDelay(), s.unalignedCheckpoint(), s.operatorStateSizes());
        p.acknowledge(ack, withTimes);
        CheckpointParticipants.Task task = p.tasks.get(ack.task());
        events.accept(new EngineEvent.CheckpointAcknowledged(now, p.id, task.name(), ack.subtask(), s.syncDuration(), s.asyncDuration(),
                s.alignmentDuration(), s.startDelay(), s.stateSize(), s.unalignedCheckpoint()));
        if (!p.isComplete()) {
            stats.updated(p.stats(CheckpointStatus.IN_PROGRESS, null, -1));
            return;
        }
        complete(p);
    }

    private void complete(PendingCheckpoint p) {
        pending.remove(p.id);
        directories.remove(p.id);
        p.timeout.cancel(false);
        CheckpointMetadata md = p.metadata(jobId, jobName, maxParallelism);
        if (p.savepoint != null) {
            completeSavepoint(p, md);
            return;
        }
        try {
            CheckpointStorage.writeMetadata(p.dir, md);
        } catch (IOException e) {
            fail(p, CheckpointFailureReason.IO_EXCEPTION, "cannot write " + p.dir.resolve(CheckpointStorage.METADATA) + ": " + e.getMessage()
                    + " (check free disk space and permissions of execution.checkpointing.dir)");
            return;
        }
        lastCompletionNanos = System.nanoTime();
        if (finalRequested && p.id >= finalTriggered && finalTriggered != 0) {
            finalDone = true;
        }
        completed.addLast(new CompletedCheckpoint(p.id, p.dir, md));
        CheckpointStats done = p.stats(CheckpointStatus.COMPLETED, p.dir.toString(), -1);
        stats.completed(done);
        events.accept(new EngineEvent.CheckpointCompleted(System.currentTimeMillis(), p.id, done.endToEndDuration(),
                done.checkpointedSize(), done.stateSize(), p.dir.toString(), false));
        if (participants != null) {
            participants.notifyComplete(p.id);
        }
        // Pending checkpoints older than this one are subsumed.
        for (PendingCheckpoint older : new ArrayList<>(pending.values())) {
            if (older.id < p.id) {
                fail(older, CheckpointFailureReason.CHECKPOINT_SUBSUMED, "subsumed by checkpoint " + p.id);
            }
        }
        while (completed.size() > settings.numRetained()) {
            CompletedCheckpoint old = completed.removeFirst();
            discard(old.dir());
            stats.discarded(old.id());
        }
        deleteUnusedSharedState();
        scheduleNext();
    }

    private void completeSavepoint(PendingCheckpoint p, CheckpointMetadata md) {
        try {
            CheckpointStorage.writeMetadata(p.dir, md);
        } catch (IOException e) {
            fail(p, CheckpointFailureReason.IO_EXCEPTION, "cannot write " + p.dir.resolve(CheckpointStorage.METADATA) + ": " + e.getMessage());
            return;
        }
        CheckpointStats done = p.stats(CheckpointStatus.COMPLETED, p.dir.toString(), -1);
        stats.completed(done);
        events.accept(new EngineEvent.CheckpointCompleted(System.currentTimeMillis(), p.id, done.endToEndDuration(),
                done.checkpointedSize(), done.stateSize(), p.dir.toString(), true));
        if (participants != null) {
            participants.notifyComplete(p.id);
        }
        p.savepoint.complete(p.dir);
        scheduleNext();
    }

    private void expire(long id) {
        PendingCheckpoint p = pending.get(id);
        if (p != null) {
            fail(p, CheckpointFailureReason.CHECKPOINT_EXPIRED, "not complete within execution.checkpointing.timeout "
                    + io.checkpointstudio.engine.config.Durations.format(settings.timeout()) + "; still waiting for " + p.missing());
        }
    }

    private void fail(PendingCheckpoint p, CheckpointFailureReason reason, String detail) {
        if (pending.remove(p.id) == null && p.failedAlready) {
            return;
        }
        p.failedAlready = true;
        directories.remove(p.id);
        if (p.savepoint != null) {
            p.savepoint.completeExceptionally(new IOException("savepoint " + p.id + " failed: " + reason.description() + ": " + detail));
            stopping = false;
        }
        if (p.id == finalTriggered) {
            finalTriggered = 0; // the final checkpoint failed: take another
        }
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        long now = System.currentTimeMillis();
        String message = reason.description() + ": " + detail;
        if (participants != null) {
            participants.notifyAborted(p.id);
        }
        if (p.dir != null) {
            discard(p.dir);
        }
        deleteUnusedSharedState();
        boolean counts = reason.countsAsFailure() && p.savepoint == null; // Flink: failed savepoints do not count
        stats.failed(p.stats(CheckpointStatus.FAILED, null, now, message), counts);
        int consecutive = stats.consecutiveFailures();
        events.accept(new EngineEvent.CheckpointFailed(now, p.id, message, consecutive, settings.tolerableFailures()));
        if (counts && consecutive > settings.tolerableFailures() && participants != null) {
            stats.resetConsecutiveFailures(); // as Flink: after the failover the count starts again
            failer.failJob(participants, new CheckpointException("Exceeded checkpoint tolerable failure threshold: " + consecutive
                    + " consecutive checkpoint failures, " + settings.tolerableFailures()
                    + " tolerated (execution.checkpointing.tolerable-failed-checkpoints). Last: " + message));
        }
        scheduleNext();
    }

    private void discard(Path dir) {
        try {
            CheckpointStorage.deleteRecursively(dir);
        } catch (IOException e) {
            events.accept(new EngineEvent.Notice(System.currentTimeMillis(), "could not delete " + dir + ": " + e.getMessage()));
        }
    }

    /**
     * The job's process "died" (fault injection): stop triggering and forget what is in flight without
     * deleting or finishing anything, so the folders stay exactly as a killed process would leave them.
     */
    public void abandon() {
        runAndWait(() -> {
            stopped = true;
            if (nextTrigger != null) {
                nextTrigger.cancel(false);
            }
            for (PendingCheckpoint p : pending.values()) {
                p.timeout.cancel(false);
            }
            pending.clear();
        });
        thread.shutdown();
    }

    /** The job reached a terminal status: stop, and keep or delete retained checkpoints as configured. */
    public void stop(JobStatus terminal) {
        runAndWait(() -> {
            stopped = true;
            if (nextTrigger != null) {
                nextTrigger.cancel(false);
            }
            for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
                fail(p, terminal == JobStatus.CANCELED ? CheckpointFailureReason.JOB_CANCELLED : CheckpointFailureReason.JOB_FAILOVER_REGION,
                        "job " + terminal);
            }
            if (shouldDiscardOn(terminal)) {
                for (CompletedCheckpoint c : completed) {
                    discard(c.dir());
                    stats.discarded(c.id());
                }
                completed.clear();
                try {
                    sharedState.deleteAll();
                } catch (IOException e) {
                    events.accept(new EngineEvent.Notice(System.currentTimeMillis(), "could not delete " + sharedState.sharedDir() + ": " + e.getMessage()));
                }
                try {
                    if (java.nio.file.Files.isDirectory(storage.jobDir())) {
                        try (var list = java.nio.file.Files.list(storage.jobDir())) {
                            if (list.findAny().isEmpty()) {
                                java.nio.file.Files.delete(storage.jobDir());
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // an empty job folder left behind is harmless
                }
            }
        });
        thread.shutdown();
    }

    /** Flink's rule: finished jobs discard; cancelled ones keep only with RETAIN_ON_CANCELLATION; failed ones keep unless not externalized. */
    boolean shouldDiscardOn(JobStatus terminal) {
        ExternalizedCheckpointRetention r = settings.retention();
        return switch (terminal) {
            case FINISHED -> true;
            case CANCELED -> r != ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION;
            case FAILED -> r == ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS;
            default -> false;
        };
    }

    private void runAndWait(Runnable r) {
        callAndWait(() -> {
            r.run();
            return null;
        });
    }

    private <T> T callAndWait(java.util.concurrent.Callable<T> c) {
        if (thread.isShutdown()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return thread.submit(c).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** A checkpoint in progress: which subtasks have acknowledged, with what. */
    private static final class PendingCheckpoint {
        final long id;
        final long triggerTimestamp;
        final Path dir;
        final List<CheckpointParticipants.Task> tasks;
        final boolean unaligned;
        final SubtaskCheckpointStats[][] acks;
        final SubtaskStateHandle[][] states;
        int acknowledged;
        int expected;
        ScheduledFuture<?> timeout;
        boolean failedAlready;
        java.util.concurrent.CompletableFuture<Path> savepoint;

        PendingCheckpoint(long id, long triggerTimestamp, Path dir, List<CheckpointParticipants.Task> tasks, boolean unaligned) {
            this.id = id;
            this.triggerTimestamp = triggerTimestamp;
            this.dir = dir;
            this.tasks = tasks;
            this.unaligned = unaligned;
            this.acks = new SubtaskCheckpointStats[tasks.size()][];
            this.states = new SubtaskStateHandle[tasks.size()][];
            for (int t = 0; t < tasks.size(); t++) {
                acks[t] = new SubtaskCheckpointStats[tasks.get(t).parallelism()];
                states[t] = new SubtaskStateHandle[tasks.get(t).parallelism()];
                expected += tasks.get(t).parallelism();
            }
        }

        void acknowledge(SubtaskAck ack, SubtaskCheckpointStats s) {
            if (acks[ack.task()][ack.subtask()] == null) {
                acknowledged++;
            }
            acks[ack.task()][ack.subtask()] = s;
            states[ack.task()][ack.subtask()] = ack.state();
        }

        boolean isComplete() {
            return acknowledged == expected;
        }

        String missing() {
            List<String> names = new ArrayList<>();
            for (int t = 0; t < tasks.size(); t++) {
                for (int s = 0; s < acks[t].length; s++) {
                    if (acks[t][s] == null) {
                        names.add(tasks.get(t).name() + " (" + (s + 1) + "/" + acks[t].length + ")");
                    }
                }
            }
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        }

        CheckpointMetadata metadata(String jobId, String jobName, int maxParallelism) {
            List<TaskStateHandle> taskStates = new ArrayList<>();
            for (int t = 0; t < tasks.size(); t++) {
                CheckpointParticipants.Task task = tasks.get(t);
                taskStates.add(new TaskStateHandle(task.name(), task.operatorIds(), task.operatorTypes(), task.stateSignatures(),
                        task.parallelism(), Arrays.asList(states[t])));
            }
            return new CheckpointMetadata(CheckpointMetadata.FORMAT, jobId, jobName, id, savepoint != null, triggerTimestamp,
                    System.currentTimeMillis(), maxParallelism, taskStates);
        }

        CheckpointStats stats(CheckpointStatus status, String path, long failureTimestamp) {
            return stats(status, path, failureTimestamp, null);
        }

        CheckpointStats stats(CheckpointStatus status, String path, long failureTimestamp, String failure) {
            List<TaskCheckpointStats> taskStats = new ArrayList<>();
            long latestAck = -1;
            long checkpointed = 0;
            long state = 0;
            long processed = 0;
            long persisted = 0;
            boolean anyUnaligned = unaligned;
            for (int t = 0; t < tasks.size(); t++) {
                CheckpointParticipants.Task task = tasks.get(t);
                TaskCheckpointStats ts = new TaskCheckpointStats(task.operatorIds().get(0), task.name(), task.operatorIds(),
                        task.parallelism(), Arrays.asList(acks[t].clone()));
                taskStats.add(ts);
                latestAck = Math.max(latestAck, ts.latestAckTimestamp());
                checkpointed += ts.checkpointedSize();
                state += ts.stateSize();
                processed += ts.processedData();
                persisted += ts.persistedData();
                for (SubtaskCheckpointStats s : acks[t]) {
                    anyUnaligned |= s != null && s.unalignedCheckpoint();
                }
            }
            long e2e = status == CheckpointStatus.COMPLETED ? latestAck - triggerTimestamp : -1;
            return new CheckpointStats(id, status, savepoint != null,
                    savepoint != null ? "SAVEPOINT" : anyUnaligned ? "UNALIGNED_CHECKPOINT" : "CHECKPOINT", triggerTimestamp,
                    latestAck, e2e, checkpointed, state, processed, persisted, expected, acknowledged, path, false,
                    failureTimestamp, failure, List.copyOf(taskStats));
        }
    }
}
