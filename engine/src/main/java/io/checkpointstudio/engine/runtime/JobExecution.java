package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EventBus;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running job in this process: start it, watch it (status, metrics snapshots, events), cancel it, and
 * wait for its {@link JobResult}. All methods are safe to call from any thread and never block on the
 * job's own threads.
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
    private final AtomicReference<MetricsSnapshot> snapshot = new AtomicReference<>(MetricsSnapshot.initial());
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final ScheduledExecutorService sampler;
    private final long bufferTimeoutNanos;
    private final long autoWatermarkIntervalNanos;
    private final long startedNanos = System.nanoTime();
    private volatile JobStatus status = JobStatus.CREATED;
    private volatile JobAttempt attempt;

    private JobExecution(ValidatedJob job, RunOptions options) {
        this.job = job;
        this.options = options;
        this.plan = Planner.plan(job, options.chaining());
        this.results = new OperatorResults(plan);
        this.events = new EventBus(jobName(), 10_000);
        this.bufferTimeoutNanos = Math.max(1_000_000L, job.config().get(ConfigOptions.BUFFER_TIMEOUT).toNanos());
        this.autoWatermarkIntervalNanos = job.config().get(ConfigOptions.AUTO_WATERMARK_INTERVAL).toNanos();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, jobName() + " metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /** Plans and starts the job; returns at once. */
    public static JobExecution start(ValidatedJob job, RunOptions options) throws Exception {
        JobExecution execution = new JobExecution(job, options);
        execution.launch();
        return execution;
    }

    private void launch() throws Exception {
        JobAttempt first = new JobAttempt(this, plan, options);
        attempt = first;
        setStatus(JobStatus.RUNNING, null);
        sampler.scheduleAtFixedRate(this::sample, options.metricsIntervalMs(), options.metricsIntervalMs(), TimeUnit.MILLISECONDS);
        first.done().whenComplete((outcome, error) -> attemptEnded(first, outcome));
        first.start();
    }

    private void attemptEnded(JobAttempt ended, JobAttempt.Outcome outcome) {
        JobStatus end = outcome.finished() ? JobStatus.FINISHED : outcome.failure() != null ? JobStatus.FAILED : JobStatus.CANCELED;
        String message = outcome.failure() == null ? null : outcome.failedSubtask() + " failed: " + describe(outcome.failure());
        setStatus(end, message);
        sample();
        sampler.shutdown();
        long duration = (System.nanoTime() - startedNanos) / 1_000_000L;
        result.complete(new JobResult(jobId, jobName(), end, duration, ended.activeNanos() / 1_000_000L, outcome.failure(),
                metrics.totals(plan), results));
        events.close();
    }

    private void sample() {
        snapshot.set(metrics.sample(plan, status, (System.nanoTime() - startedNanos) / 1_000_000L));
    }

    private void setStatus(JobStatus newStatus, String message) {
        status = newStatus;
        events.publish(new EngineEvent.JobStatusChanged(System.currentTimeMillis(), newStatus, message));
    }

    void subtaskFailed(String label, int subtask, Throwable t) {
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

    /** Stops the job; its result completes with CANCELED. */
    public void cancel() {
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

    public EventBus events() {
        return events;
    }

    public PhysicalPlan plan() {
        return plan;
    }

    public ValidatedJob job() {
        return job;
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

    long bufferTimeoutNanos() {
        return bufferTimeoutNanos;
    }

    long autoWatermarkIntervalNanos() {
        return autoWatermarkIntervalNanos;
    }

    @Override
    public void close() {
        cancel();
        sampler.shutdownNow();
    }
}
