package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Operator;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import java.util.List;

/**
 * One parallel instance of a task, run by one thread: its chain of operator instances, wired with direct
 * calls, and the record writer to the next tasks. Subclasses drive it from a source or from an input gate.
 */
abstract class Subtask implements Runnable {
    protected final JobAttempt attempt;
    protected final TaskVertex vertex;
    protected final int index;
    protected final Operator[] operators;
    protected final OperatorMetrics[] operatorMetrics;
    protected final Output[] outputs;
    protected final TaskMetrics taskMetrics;
    protected final RecordWriter writer;
    private final long processingTimeInterval;
    private long nextProcessingTime;

    Subtask(JobAttempt attempt, TaskVertex vertex, int index, List<EdgeWriter> edgeWriters, TaskMetrics taskMetrics) throws Exception {
        this.attempt = attempt;
        this.taskMetrics = taskMetrics;
        this.vertex = vertex;
        this.index = index;
        int n = vertex.chain().size();
        this.operators = new Operator[n];
        this.operatorMetrics = new OperatorMetrics[n];
        this.outputs = new Output[n];
        for (int i = 0; i < n; i++) {
            ValidatedOperator op = vertex.chain().get(i);
            operatorMetrics[i] = attempt.metricsRegistry().operator(op.id(), index);
            operators[i] = op.descriptor().factory().create(new OperatorSetup(op.id(), op.descriptor(), op.params(),
                    op.inputSchema(), op.outputSchema(), op.keyField(), attempt.compiler()));
        }
        this.writer = edgeWriters.isEmpty() ? null
                : new RecordWriter(edgeWriters, operatorMetrics[n - 1].recordsOut(), attempt.bufferTimeoutNanos());
        Output out = writer != null ? writer : new DiscardingOutput(operatorMetrics[n - 1].recordsOut());
        outputs[n - 1] = out;
        for (int i = n - 2; i >= 0; i--) {
            out = new ChainingOutput((StreamOperator) operators[i + 1], out, operatorMetrics[i].recordsOut(), operatorMetrics[i + 1].recordsIn());
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
        Throwable failure = null;
        try {
            open();
            runLoop();
        } catch (JobCancelledException e) {
            // The attempt was cancelled or another subtask failed; not this subtask's failure.
        } catch (Throwable t) {
            failure = t instanceof OperatorException oe ? oe.getCause() : t;
        }
        Throwable closeFailure = closeAll();
        if (failure == null && closeFailure != null && !attempt.isCancelled()) {
            failure = closeFailure;
        }
        if (failure != null) {
            attempt.subtaskFailed(this, failure);
        } else {
            attempt.subtaskEnded(this);
        }
    }

    private void open() throws Exception {
        int maxP = attempt.plan().maxParallelism();
        for (int i = 0; i < operators.length; i++) {
            ValidatedOperator op = vertex.chain().get(i);
            int p = vertex.parallelism();
            operators[i].open(new OperatorContext(op.id(), attempt.jobName(), index, p, maxP,
                    KeyGroups.firstKeyGroup(maxP, p, index), KeyGroups.lastKeyGroup(maxP, p, index), attempt.batchSize(),
                    operatorMetrics[i]::counter));
        }
    }

    protected abstract void runLoop() throws Exception;

    /** Ends the chain after its input ended: each operator flushes in order, then downstream hears the end. */
    protected void endChain(int from) throws Exception {
        for (int i = from; i < operators.length; i++) {
            ((StreamOperator) operators[i]).endOfInput(outputs[i]);
        }
        if (writer != null) {
            writer.broadcast(ChannelEvent.EndOfPartition.INSTANCE);
        }
        if (operators[operators.length - 1] != null && writer == null) {
            attempt.sinkReachedEnd();
        }
    }

    protected void processBatch(int operator, RecordBatch batch) throws Exception {
        operatorMetrics[operator].recordsIn().add(batch.size());
        ((StreamOperator) operators[operator]).processBatch(batch, outputs[operator]);
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
