package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One deployment of a job's physical plan: the input gates, the subtasks and their threads. It ends when
 * every subtask has ended (finished), or when one fails or it is cancelled (then every subtask is told to
 * stop). A restart is a new attempt.
 */
final class JobAttempt {
    /** How an attempt ended. */
    record Outcome(boolean cancelled, Throwable failure, String failedSubtask) {
        boolean finished() {
            return !cancelled && failure == null;
        }
    }

    private final JobExecution execution;
    private final PhysicalPlan plan;
    private final RunOptions options;
    private final List<InputGate> gates = new ArrayList<>();
    private final List<Subtask> subtasks = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Outcome> failure = new AtomicReference<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final AtomicLong sourceStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong sinkEndNanos = new AtomicLong();
    private volatile boolean cancelled;

    JobAttempt(JobExecution execution, PhysicalPlan plan, RunOptions options) throws Exception {
        this.execution = execution;
        this.plan = plan;
        this.options = options;
        build();
    }

    private void build() throws Exception {
        int vertexCount = plan.vertices().size();
        InputGate[][] gatesOf = new InputGate[vertexCount][];
        int[][] channelOffset = new int[plan.edges().size()][];
        for (TaskVertex v : plan.vertices()) {
            List<TaskEdge> inputs = plan.inputsOf(v.index());
            if (inputs.isEmpty()) {
                continue;
            }
            int channels = 0;
            for (TaskEdge e : inputs) {
                channelOffset[plan.edges().indexOf(e)] = new int[] {channels};
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
                    int offset = channelOffset[plan.edges().indexOf(e)][0];
                    InputGate[] downstream = gatesOf[e.to()];
                    writers.add(switch (e.partitioning()) {
                        case FORWARD -> new EdgeWriter.Forward(new ChannelTarget(downstream[s], offset), taskMetrics);
                        case REBALANCE -> new EdgeWriter.Rebalance(allToAll(downstream, offset + s), s, taskMetrics);
                        case HASH -> new HashEdgeWriter(allToAll(downstream, offset + s), v.tail().outputSchema(),
                                e.keyColumn(), plan.maxParallelism(), options.batchSize(), taskMetrics);
                    });
                }
                Subtask subtask = v.isSource()
                        ? new SourceSubtask(this, v, s, writers, taskMetrics)
                        : new StreamSubtask(this, v, s, gatesOf[v.index()][s], writers, taskMetrics);
                execution.metricsRegistry().registerTask(v.head().id(), s, taskMetrics);
                subtasks.add(subtask);
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
        for (Subtask s : subtasks) {
            Thread t = new Thread(s, s.label());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    CompletableFuture<Outcome> done() {
        return done;
    }

    void cancel() {
        cancelled = true;
        gates.forEach(InputGate::cancel);
    }

    boolean isCancelled() {
        return cancelled;
    }

    void subtaskEnded(Subtask subtask) {
        if (running.decrementAndGet() == 0) {
            Outcome f = failure.get();
            done.complete(f != null ? f : new Outcome(cancelled, null, null));
        }
    }

    void subtaskFailed(Subtask subtask, Throwable t) {
        if (failure.compareAndSet(null, new Outcome(false, t, subtask.label()))) {
            execution.subtaskFailed(subtask.label(), subtask.index, t);
            cancel();
        }
        subtaskEnded(subtask);
    }

    void sourceStarted() {
        sourceStartNanos.accumulateAndGet(System.nanoTime(), Math::min);
    }

    void sinkReachedEnd() {
        sinkEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** From the first source starting to the last sink seeing the end of its input. */
    long activeNanos() {
        long start = sourceStartNanos.get();
        long end = sinkEndNanos.get();
        return start == Long.MAX_VALUE || end == 0 ? 0 : end - start;
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

    String jobName() {
        return execution.jobName();
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
}
