package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.CheckpointParticipants;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.JobScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One deployment of a job's physical plan: the input gates, the subtasks and their threads, optionally
 * restored from a checkpoint. It ends when every subtask has ended (finished), or when one fails or it is
 * cancelled (then every subtask is told to stop). A restart is a new attempt. It is what the checkpoint
 * coordinator drives.
 */
final class JobAttempt implements CheckpointParticipants {
    /** How an attempt ended. */
    record Outcome(boolean cancelled, Throwable failure, String failedSubtask) {
        boolean finished() {
            return !cancelled && failure == null;
        }
    }

    private final JobExecution execution;
    private final PhysicalPlan plan;
    private final RunOptions options;
    private final int number;
    private final SnapshotRestore restoreFrom;
    private final List<InputGate> gates = new ArrayList<>();
    private final List<Subtask> subtasks = new ArrayList<>();
    private final List<Subtask> sources = new ArrayList<>();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger sourcesRunning = new AtomicInteger();
    private final AtomicReference<Outcome> failure = new AtomicReference<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final AtomicLong sourceStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong sinkEndNanos = new AtomicLong();
    private final AtomicLong finalCheckpointId = new AtomicLong();
    private final java.util.Set<Long> pendingCheckpoints = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Subtasks that finished while the attempt goes on; guarded by itself, as is adding to pendingCheckpoints. */
    private final List<Subtask> finishedSubtasks = new ArrayList<>();
    private volatile boolean cancelled;

    JobAttempt(JobExecution execution, PhysicalPlan plan, RunOptions options, int number, SnapshotRestore restoreFrom) throws Exception {
        this.execution = execution;
        this.plan = plan;
        this.options = options;
        this.number = number;
        this.restoreFrom = restoreFrom;
        build();
    }

    private void build() throws Exception {
        int vertexCount = plan.vertices().size();
        InputGate[][] gatesOf = new InputGate[vertexCount][];
        int[] channelOffset = new int[plan.edges().size()];
        for (TaskVertex v : plan.vertices()) {
            List<TaskEdge> inputs = plan.inputsOf(v.index());
            if (inputs.isEmpty()) {
                continue;
            }
            int channels = 0;
            for (TaskEdge e : inputs) {
                channelOffset[plan.edges().indexOf(e)] = channels;
                channels += e.partitioning() == Partitioning.FORWARD ? 1 : plan.vertices().get(e.from()).parallelism();
            }
            gatesOf[v.index()] = new InputGate[v.parallelism()];
            for (int s = 0; s < v.parallelism(); s++) {
                InputGate gate = new InputGate(channels, options.channelCapacity());
                gatesOf[v.index()][s] = gate;
                gates.add(gate);
            }
        }
        for (TaskVertex v : plan.vertices()) {
            for (int s = 0; s < v.parallelism(); s++) {
                TaskMetrics taskMetrics = new TaskMetrics();
                List<EdgeWriter> writers = new ArrayList<>();
                for (TaskEdge e : plan.outputsOf(v.index())) {
                    int offset = channelOffset[plan.edges().indexOf(e)];
                    InputGate[] downstream = gatesOf[e.to()];
                    writers.add(switch (e.partitioning()) {
                        case FORWARD -> new EdgeWriter.Forward(new ChannelTarget(downstream[s], offset), taskMetrics);
                        case REBALANCE -> new EdgeWriter.Rebalance(allToAll(downstream, offset + s), s, taskMetrics);
                        case HASH -> new HashEdgeWriter(allToAll(downstream, offset + s), v.tail().outputSchema(),
                                e.keyColumn(), e.keyBy(), plan.maxParallelism(), options.batchSize(), taskMetrics);
                    });
                }
                Subtask subtask = v.isSource()
                        ? new SourceSubtask(this, v, s, writers, taskMetrics)
                        : new StreamSubtask(this, v, s, gatesOf[v.index()][s], writers, taskMetrics);
                execution.metricsRegistry().registerTask(v.head().id(), s, taskMetrics);
                subtasks.add(subtask);
                if (v.isSource()) {
                    sources.add(subtask);
                }
            }
        }
    }

    private static ChannelTarget[] allToAll(InputGate[] downstream, int channel) {
        ChannelTarget[] targets = new ChannelTarget[downstream.length];
        for (int i = 0; i < downstream.length; i++) {
            targets[i] = new ChannelTarget(downstream[i], channel);
        }
        return targets;
    }

    void start() {
        running.set(subtasks.size());
        sourcesRunning.set(sources.size());
        for (Subtask s : subtasks) {
            Thread t = new Thread(s, s.label());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Every subtask of this attempt, sources first in plan order; for the no-progress watchdog. */
    List<Subtask> subtasks() {
        return subtasks;
    }

    CompletableFuture<Outcome> done() {
        return done;
    }

    void cancel() {
        cancelled = true;
        gates.forEach(InputGate::cancel);
        subtasks.forEach(Subtask::wake);
        threads.forEach(LockSupport::unpark); // ends a park in progress, e.g. an injected slowdown of a whole batch
    }

    boolean isCancelled() {
        return cancelled;
    }

    void subtaskEnded(Subtask subtask) {
        if (!cancelled && failure.get() == null && execution.coordinator() != null) {
            if (subtask.finished()) {
                finishedWhileRunning(subtask);
            }
            execution.coordinator().taskFinished(); // stops checkpointing unless checkpoints-after-tasks-finish
        }
        if (running.decrementAndGet() == 0) {
            Outcome f = failure.get();
            done.complete(f != null ? f : new Outcome(cancelled, null, null));
        }
    }

    /**
     * A subtask failed (it still has to close its operators and then end): the first failure of a running
     * attempt becomes the attempt's outcome and cancels the other subtasks. Returns false when the attempt
     * was already cancelled or failed, so this is not a failure of its own.
     */
    boolean subtaskFailing(Subtask subtask, Throwable t) {
        if (cancelled) {
            return false;
        }
        if (failure.compareAndSet(null, new Outcome(false, t, subtask.label()))) {
            execution.subtaskFailed(subtask.label(), subtask.index, t);
            cancel();
        }
        return true;
    }

    /**
     * Fails the whole attempt from outside its subtasks (e.g. too many failed checkpoints). Not once it is
     * cancelled: checkpoints whose writes fail because the subtasks are closing must not turn a cancel into a failure.
     */
    void failFromOutside(Throwable t, String where) {
        if (cancelled) {
            return;
        }
        if (failure.compareAndSet(null, new Outcome(false, t, where))) {
            cancel();
        }
    }

    /**
     * A finished subtask takes no more mails, so it acknowledges on its own behalf, with its final state,
     * every checkpoint it did not snapshot: those pending now, and (see {@link #checkpointStarted}) every
     * later one. Flink's checkpoints-after-tasks-finish: a savepoint of a job with finished subtasks
     * completes.
     */
    private void finishedWhileRunning(Subtask subtask) {
        synchronized (finishedSubtasks) {
            finishedSubtasks.add(subtask);
            for (long id : pendingCheckpoints) {
                if (id > subtask.lastSnapshotted()) {
                    snapshotWriter().acknowledgeFinished(subtask, id);
                }
            }
        }
    }

    /** Registers a checkpoint as pending and acknowledges it for the subtasks that have already finished. */
    private void checkpointStarted(long checkpointId) {
        synchronized (finishedSubtasks) {
            pendingCheckpoints.add(checkpointId);
            for (Subtask s : finishedSubtasks) {
                snapshotWriter().acknowledgeFinished(s, checkpointId);
            }
        }
    }

    // ---- checkpoint participants

    @Override
    public List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        for (TaskVertex v : plan.vertices()) {
            tasks.add(new Task(v.name(), v.chain().stream().map(ValidatedOperator::id).toList(), v.parallelism(),
                    v.chain().stream().map(o -> o.descriptor().type()).toList(),
                    v.chain().stream().map(io.checkpointstudio.engine.checkpoint.StateSignatures::of).toList()));
        }
        return tasks;
    }

    @Override
    public void triggerSources(long checkpointId, long timestamp, boolean unaligned, long alignedTimeoutMs, boolean savepoint,
                               boolean finalCheckpoint) {
        checkpointStarted(checkpointId);
        if (finalCheckpoint) {
            finalCheckpointId.set(checkpointId);
        }
        ChannelEvent.Barrier barrier = new ChannelEvent.Barrier(checkpointId, timestamp, unaligned, alignedTimeoutMs, savepoint);
        for (Subtask s : sources) {
            s.post(new Mail.Trigger(barrier));
        }
    }

    @Override
    public void stopWithSavepoint(long checkpointId, long timestamp, boolean drain) {
        checkpointStarted(checkpointId);
        ChannelEvent.Barrier barrier = new ChannelEvent.Barrier(checkpointId, timestamp, false, 0, true);
        for (Subtask s : sources) {
            s.post(new Mail.Stop(barrier, drain));
        }
    }

    @Override
    public void notifyComplete(long checkpointId) {
        // Mail first, then clear the pending mark: a subtask that finishes sees the checkpoint as pending
        // until its completion mail is in its mailbox, so it cannot close before a sink has committed.
        for (Subtask s : subtasks) {
            s.post(new Mail.Complete(checkpointId));
        }
        pendingCheckpoints.remove(checkpointId);
    }

    @Override
    public void notifyAborted(long checkpointId) {
        if (finalCheckpointId.get() == checkpointId) {
            finalCheckpointId.set(0);
        }
        for (Subtask s : subtasks) {
            s.post(new Mail.Abort(checkpointId));
        }
        pendingCheckpoints.remove(checkpointId);
    }

    /** Whether sources wait, at the end of their input, for a final checkpoint. */
    boolean waitsForFinalCheckpoint() {
        return execution.coordinator() != null && execution.coordinator().settings().enabled()
                && execution.coordinator().settings().afterTasksFinish();
    }

    /** A source subtask reached the end of its input; when all have, the coordinator takes the final checkpoint. */
    void sourceFinished() {
        if (sourcesRunning.decrementAndGet() == 0 && waitsForFinalCheckpoint()) {
            execution.coordinator().sourcesFinished();
        }
    }

    /** Whether the final checkpoint (taken after every source ended) has completed, given the last one this subtask heard of. */
    boolean finalCheckpointCompleted(long lastNotified) {
        long id = finalCheckpointId.get();
        return id > 0 && lastNotified >= id;
    }

    boolean checkpointStillPending(long checkpointId) {
        return pendingCheckpoints.contains(checkpointId);
    }

    // ---- what subtasks need

    void sourceStarted() {
        sourceStartNanos.accumulateAndGet(System.nanoTime(), Math::min);
    }

    void sinkReachedEnd() {
        sinkEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    void firstRecordProcessed(String operatorId) {
        execution.firstRecordProcessed(this, operatorId);
    }

    /** From the first source starting to the last sink seeing the end of its input. */
    long activeNanos() {
        long start = sourceStartNanos.get();
        long end = sinkEndNanos.get();
        return start == Long.MAX_VALUE || end == 0 ? 0 : end - start;
    }

    int number() {
        return number;
    }

    SnapshotRestore restoreFrom() {
        return restoreFrom;
    }

    PhysicalPlan plan() {
        return plan;
    }

    MetricsRegistry metricsRegistry() {
        return execution.metricsRegistry();
    }

    OperatorResults results() {
        return execution.results();
    }

    ExpressionCompiler compiler() {
        return execution.compiler();
    }

    FaultInjector faults() {
        return execution.faults();
    }

    JobScope jobScope() {
        return execution.jobScope();
    }

    SnapshotWriter snapshotWriter() {
        return execution.snapshotWriter();
    }

    boolean exactlyOnce() {
        return execution.coordinator() == null || execution.coordinator().settings().exactlyOnce();
    }

    String jobName() {
        return execution.jobName();
    }

    String jobId() {
        return execution.jobId();
    }

    /**
     * The state backend of a keyed operator subtask: the job's {@code state.backend.type} and incremental
     * setting, and for RocksDB the working folder
     * {@code java.io.tmpdir/checkpoint-studio/rocksdb/<job>/<operator>-<subtask>-<attempt>}.
     */
    io.checkpointstudio.engine.state.KeyedBackendSpec keyedBackend(String operatorId, int subtask, int parallelism) {
        var config = execution.job().config();
        int maxP = plan.maxParallelism();
        java.nio.file.Path working = io.checkpointstudio.engine.state.rocksdb.WorkingFolders.jobDir(execution.jobId())
                .resolve(operatorId + "-" + subtask + "-" + number);
        java.nio.file.Path jobDir = execution.coordinator() == null ? null : execution.coordinator().storage().jobDir();
        return new io.checkpointstudio.engine.state.KeyedBackendSpec(config.get(io.checkpointstudio.engine.config.ConfigOptions.STATE_BACKEND),
                config.get(io.checkpointstudio.engine.config.ConfigOptions.INCREMENTAL_CHECKPOINTS), working,
                KeyGroups.firstKeyGroup(maxP, parallelism, subtask), KeyGroups.lastKeyGroup(maxP, parallelism, subtask), maxP, jobDir);
    }

    int batchSize() {
        return options.batchSize();
    }

    long bufferTimeoutNanos() {
        return execution.bufferTimeoutNanos();
    }

    long autoWatermarkIntervalNanos() {
        return execution.autoWatermarkIntervalNanos();
    }

    BarrierTracer barrierTracer() {
        return execution.barrierTracer();
    }
}
