package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.fault.OperatorFaults;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Operator;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One parallel instance of a task, run by one thread: its chain of operator instances wired with direct
 * calls, the record writer to the next tasks, and a mailbox through which other threads ask it to
 * checkpoint or tell it a checkpoint completed. Subclasses drive it from a source or from an input gate.
 */
abstract class Subtask implements Runnable {
    protected final JobAttempt attempt;
    protected final TaskVertex vertex;
    protected final int index;
    protected final Operator[] operators;
    protected final OperatorMetrics[] operatorMetrics;
    protected final OperatorFaults[] faults;
    protected final FirstRecord[] firstRecords;
    protected final Output[] outputs;
    protected final TaskMetrics taskMetrics;
    protected final RecordWriter writer;
    protected final ConcurrentLinkedQueue<Mail> mailbox = new ConcurrentLinkedQueue<>();
    /** Publishes this subtask's barrier trace while the run traces barriers. */
    final BarrierTracer.SubtaskTrace trace;
    private final long processingTimeInterval;
    private long nextProcessingTime;
    protected volatile long lastSnapshotted;
    protected long lastNotified;
    /** Where the thread is in the chain, for the no-progress watchdog. */
    final TaskProgress progress = new TaskProgress();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Thread runner;
    private volatile boolean finished;
    private List<OperatorStateHandle> finalState = List.of();

    Subtask(JobAttempt attempt, TaskVertex vertex, int index, List<EdgeWriter> edgeWriters, TaskMetrics taskMetrics) throws Exception {
        this.attempt = attempt;
        this.taskMetrics = taskMetrics;
        this.vertex = vertex;
        this.index = index;
        this.trace = attempt.barrierTracer().forSubtask(vertex, index);
        int n = vertex.chain().size();
        this.operators = new Operator[n];
        this.operatorMetrics = new OperatorMetrics[n];
        this.faults = new OperatorFaults[n];
        this.firstRecords = new FirstRecord[n];
        this.outputs = new Output[n];
        for (int i = 0; i < n; i++) {
            ValidatedOperator op = vertex.chain().get(i);
            operatorMetrics[i] = attempt.metricsRegistry().operator(op.id(), index);
            faults[i] = attempt.faults().register(op.id(), index, vertex.parallelism());
            firstRecords[i] = new FirstRecord(attempt, op.id());
            operators[i] = op.descriptor().factory().create(new OperatorSetup(op.id(), op.descriptor(), op.params(),
                    op.inputSchema(), op.outputSchema(), op.keyField(), attempt.compiler(), attempt.keyedBackend(op.id(), index, vertex.parallelism())));
        }
        this.writer = edgeWriters.isEmpty() ? null
                : new RecordWriter(edgeWriters, operatorMetrics[n - 1].recordsOut(), attempt.bufferTimeoutNanos());
        Output out = writer != null ? writer : new DiscardingOutput(operatorMetrics[n - 1].recordsOut());
        outputs[n - 1] = out;
        for (int i = n - 2; i >= 0; i--) {
            out = new ChainingOutput((StreamOperator) operators[i + 1], out, operatorMetrics[i].recordsOut(),
                    operatorMetrics[i + 1].recordsIn(), faults[i + 1], firstRecords[i + 1], progress, i + 1);
            outputs[i] = out;
        }
        long interval = 0;
        for (Operator o : operators) {
            if (o instanceof StreamOperator s && s.processingTimeIntervalMillis() > 0) {
                interval = interval == 0 ? s.processingTimeIntervalMillis() : Math.min(interval, s.processingTimeIntervalMillis());
            }
        }
        this.processingTimeInterval = interval;
    }

    String label() {
        return vertex.name() + " (" + (index + 1) + "/" + vertex.parallelism() + ")";
    }

    @Override
    public final void run() {
        runner = Thread.currentThread();
        Throwable failure = null;
        try {
            restore();
            open();
            runLoop();
            finalState = captureFinalState();
            finished = true;
        } catch (JobCancelledException e) {
            // The attempt was cancelled or another subtask failed; not this subtask's failure.
        } catch (Throwable t) {
            failure = t instanceof OperatorException oe ? oe.getCause() : t;
            // Before the operators close: an asynchronous snapshot write that fails because its state backend
            // closes under it must find the attempt failing (a task failure, not a checkpoint failure).
            failure = attempt.subtaskFailing(this, failure) ? failure : null;
        }
        Throwable closeFailure = closeAll();
        if (failure == null && closeFailure != null && !attempt.isCancelled() && attempt.subtaskFailing(this, closeFailure)) {
            failure = closeFailure;
        }
        if (!claimEnd()) {
            return; // the watchdog gave up on this thread and already counted it as ended
        }
        attempt.subtaskEnded(this);
    }

    private void restore() throws Exception {
        SnapshotRestore snapshot = attempt.restoreFrom();
        if (snapshot == null) {
            return;
        }
        int maxP = attempt.plan().maxParallelism();
        for (int i = 0; i < operators.length; i++) {
            StateRestore r = snapshot.forSubtask(vertex.chain().get(i).id(), index, vertex.parallelism(), maxP);
            if (r != null) {
                operators[i].restoreState(r);
            }
        }
        restoreInFlight(snapshot);
    }

    /** Stream subtasks read back in-flight data of unaligned checkpoints here. */
    protected void restoreInFlight(SnapshotRestore snapshot) throws Exception {
    }

    private void open() throws Exception {
        int maxP = attempt.plan().maxParallelism();
        for (int i = 0; i < operators.length; i++) {
            ValidatedOperator op = vertex.chain().get(i);
            int p = vertex.parallelism();
            operators[i].open(new OperatorContext(op.id(), attempt.jobName(), attempt.jobId(), index, p, maxP,
                    KeyGroups.firstKeyGroup(maxP, p, index), KeyGroups.lastKeyGroup(maxP, p, index), attempt.batchSize(),
                    operatorMetrics[i]::counter, attempt.jobScope(), attempt.number(),
                    attempt.waitsForFinalCheckpoint(), Duration.ofNanos(attempt.autoWatermarkIntervalNanos())));
        }
    }

    protected abstract void runLoop() throws Exception;

    /**
     * The state this subtask leaves once it finished, which it acknowledges for every later checkpoint
     * (Flink's checkpoints-after-tasks-finish). Empty by default: a finished operator has emitted all it
     * will. Sources override it to keep their final positions, so a restore does not read again what they
     * finished.
     */
    protected List<OperatorStateHandle> captureFinalState() throws Exception {
        return List.of();
    }

    /** Marks this subtask ended, once: true for the first caller (its own thread, or the watchdog giving up on it). */
    boolean claimEnd() {
        return ended.compareAndSet(false, true);
    }

    boolean hasEnded() {
        return ended.get();
    }

    /** The thread running this subtask, once it started. */
    Thread runner() {
        return runner;
    }

    /** Records the chain's last operator has emitted so far: moves while a task writes output. */
    long recordsOut() {
        return operatorMetrics[operators.length - 1].recordsOut().get();
    }

    /** Whether the run loop returned normally (the input ended or a stop-with-savepoint stopped it). */
    boolean finished() {
        return finished;
    }

    List<OperatorStateHandle> finalState() {
        return finalState;
    }

    long lastSnapshotted() {
        return lastSnapshotted;
    }

    /** Wakes the subtask's thread so it reads its mailbox. */
    protected abstract void wake();

    void post(Mail mail) {
        mailbox.add(mail);
        wake();
    }

    /** Runs the mails that arrived; called by the loop between batches. */
    protected void drainMail() throws Exception {
        Mail mail;
        while ((mail = mailbox.poll()) != null) {
            if (mail instanceof Mail.Trigger t) {
                ChannelEvent.Barrier b = t.barrier();
                checkpoint(b, Math.max(0, System.currentTimeMillis() - b.timestamp()), 0, 0, b.unaligned(), null);
            } else if (mail instanceof Mail.Stop stop) {
                stopRequested(stop);
            } else if (mail instanceof Mail.Complete c) {
                for (Operator o : operators) {
                    o.notifyCheckpointComplete(c.checkpointId());
                }
                lastNotified = Math.max(lastNotified, c.checkpointId());
            } else if (mail instanceof Mail.Abort a) {
                for (Operator o : operators) {
                    o.notifyCheckpointAborted(a.checkpointId());
                }
                checkpointAborted(a.checkpointId());
            }
        }
    }

    /** A stop-with-savepoint request; only sources receive it. */
    protected void stopRequested(Mail.Stop stop) {
    }

    /** A checkpoint was aborted by the coordinator; stream subtasks stop aligning for it. */
    protected void checkpointAborted(long checkpointId) {
    }

    /**
     * Takes this subtask's part of checkpoint {@code barrier}: the synchronous capture of every chained
     * operator's state, then the barrier goes downstream, then the state is written asynchronously while
     * the subtask goes on. {@code inFlight}, for unaligned checkpoints, completes when the in-flight data
     * before every input's barrier has been collected.
     */
    protected void checkpoint(ChannelEvent.Barrier barrier, long startDelayMs, long alignmentMs, long processedBytes, boolean unaligned,
                              CompletableFuture<InFlightData> inFlight) throws Exception {
        boolean traced = trace.on();
        if (traced) {
            if (vertex.isSource()) {
                trace.emitted(barrier);
            }
            trace.snapshotStarted(barrier.checkpointId(), io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace.Phase.SYNC);
        }
        long start = System.nanoTime();
        OperatorSnapshot[] snapshots = new OperatorSnapshot[operators.length];
        for (int i = 0; i < operators.length; i++) {
            snapshots[i] = operators[i].snapshotState(barrier.checkpointId(), barrier.savepoint());
        }
        long syncNanos = System.nanoTime() - start;
        long syncMs = syncNanos / 1_000_000L;
        if (traced) {
            trace.snapshotFinished(barrier.checkpointId(), io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace.Phase.SYNC,
                    syncNanos / 1000L);
        }
        if (writer != null) {
            ChannelEvent.Barrier out = unaligned ? barrier.asUnaligned() : barrier;
            if (traced) {
                writer.broadcastTraced(out, trace);
            } else {
                writer.broadcast(out);
            }
        }
        lastSnapshotted = barrier.checkpointId();
        attempt.snapshotWriter().write(this, barrier.checkpointId(), snapshots, syncMs, startDelayMs, alignmentMs, processedBytes,
                unaligned, inFlight == null ? CompletableFuture.completedFuture(null) : inFlight);
    }

    /** Processes a batch in operator {@code operator} of the chain, applying faults aimed at it. */
    protected void processBatch(int operator, RecordBatch batch) throws Exception {
        process((StreamOperator) operators[operator], batch, outputs[operator], operatorMetrics[operator].recordsIn(),
                faults[operator], firstRecords[operator], progress, operator);
    }

    /** Processes a batch in chain operator {@code index}, telling {@code progress} where the thread is. */
    static void process(StreamOperator op, RecordBatch batch, Output out, Counter recordsIn, OperatorFaults faults,
                        FirstRecord firstRecord, TaskProgress progress, int index) throws Exception {
        int outer = progress.enter(index);
        process(op, batch, out, recordsIn, faults, firstRecord);
        progress.leave(outer);
    }

    private static void process(StreamOperator op, RecordBatch batch, Output out, Counter recordsIn, OperatorFaults faults,
                                FirstRecord firstRecord) throws Exception {
        int n = batch.size();
        firstRecord.seen();
        if (faults.armed()) {
            int failAt = faults.failPointWithin(n);
            if (failAt >= 0) {
                if (failAt > 0) {
                    batch.setSize(failAt);
                    recordsIn.add(failAt);
                    op.processBatch(batch, out);
                }
                throw faults.fire();
            }
            recordsIn.add(n);
            op.processBatch(batch, out);
            faults.processed(n);
            return;
        }
        recordsIn.add(n);
        op.processBatch(batch, out);
    }

    /** Ends the chain's data from operator {@code from} on: each operator flushes in order, then downstream hears it. */
    protected void endData(int from) throws Exception {
        for (int i = from; i < operators.length; i++) {
            ((StreamOperator) operators[i]).endOfInput(outputs[i]);
        }
        if (writer != null) {
            writer.broadcast(ChannelEvent.EndOfData.INSTANCE);
        } else {
            attempt.sinkReachedEnd();
        }
    }

    /** Fires processing-time callbacks when due; returns nanoseconds until the next one (or a long wait). */
    protected long fireProcessingTimers(long nowNanos) throws Exception {
        if (processingTimeInterval == 0) {
            return Long.MAX_VALUE;
        }
        if (nowNanos >= nextProcessingTime) {
            long wall = System.currentTimeMillis();
            for (int i = 0; i < operators.length; i++) {
                if (operators[i] instanceof StreamOperator s && s.processingTimeIntervalMillis() > 0) {
                    s.onProcessingTime(wall, outputs[i]);
                }
            }
            nextProcessingTime = nowNanos + processingTimeInterval * 1_000_000L;
        }
        return nextProcessingTime - nowNanos;
    }

    private Throwable closeAll() {
        Throwable first = null;
        Object[] results = new Object[operators.length];
        for (int i = 0; i < operators.length; i++) {
            try {
                operators[i].close();
                results[i] = operators[i].result();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                }
            }
        }
        for (int i = 0; i < operators.length; i++) {
            attempt.results().put(vertex.chain().get(i).id(), index, results[i]);
        }
        return first;
    }

    TaskMetrics taskMetrics() {
        return taskMetrics;
    }

    /** Tells the attempt once when an operator processes its first record (restore time). */
    static final class FirstRecord {
        private final JobAttempt attempt;
        private final String operatorId;
        private boolean seen;

        FirstRecord(JobAttempt attempt, String operatorId) {
            this.attempt = attempt;
            this.operatorId = operatorId;
        }

        void seen() {
            if (!seen) {
                seen = true;
                attempt.firstRecordProcessed(operatorId);
            }
        }
    }

    /** The output of a chain that ends in a sink: counts what the sink emits (sinks normally emit nothing). */
    private record DiscardingOutput(Counter recordsOut) implements Output {
        @Override
        public void emit(RecordBatch batch) {
            recordsOut.add(batch.size());
        }

        @Override
        public void emitWatermark(long watermark) {
        }
    }
}
