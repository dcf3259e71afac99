package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Jobs and waits shared by the checkpoint option tests: the clicks workload (bounded or unbounded and
 * rate-limited), started in-process, observed through its checkpoint statistics and events, and ended by
 * cancelling. Waits poll with generous deadlines. Tests assert orders and counts; the few bounds on time
 * are either guaranteed by the engine's scheduling (never sooner than an interval) or far from what a
 * correct engine needs (a cancel within 8 s that takes milliseconds).
 */
final class CheckpointJobs {
    static final int USERS = 1000;
    /** Long enough for a loaded 2-core machine; a healthy run needs a fraction of it. */
    static final long WAIT_MS = 20_000;

    private CheckpointJobs() {
    }

    /** A configuration map from key, value, key, value, ... with the checkpoint folder set to {@code dir}. */
    static Map<String, Object> config(Path dir, Object... keyValues) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("execution.checkpointing.dir", dir.toString());
        cfg.putAll(JobHarness.map(keyValues));
        return cfg;
    }

    /** The clicks job without an end, generating {@code eventsPerSecond} over all subtasks (0: as fast as it can). */
    static JobDocument unboundedClicks(int parallelism, long eventsPerSecond, Map<String, Object> config) {
        return clicks(0, eventsPerSecond, parallelism, config);
    }

    /** The clicks job over {@code events} events (0: unbounded), rate-limited when {@code eventsPerSecond} > 0. */
    static JobDocument clicks(long events, long eventsPerSecond, int parallelism, Map<String, Object> config) {
        JobDocument doc = ClicksJob.document(events, USERS, parallelism, config);
        OperatorSpec source = doc.operator(ClicksJob.SOURCE).orElseThrow().withParam("eventsPerSecond", eventsPerSecond);
        return doc.withOperator(source);
    }

    static JobExecution start(JobDocument doc) throws Exception {
        return start(doc, new FaultInjector(), RunOptions.defaults());
    }

    static JobExecution start(JobDocument doc, FaultInjector faults) throws Exception {
        return start(doc, faults, RunOptions.defaults());
    }

    static JobExecution start(JobDocument doc, FaultInjector faults, RunOptions options) throws Exception {
        JobExecution job = JobExecution.start(JobHarness.validate(doc), options, faults, null);
        STARTED.add(job);
        return job;
    }

    /** Jobs started by the current test; {@link CloseJobs} ends them, so a failed test leaves none running. */
    private static final List<JobExecution> STARTED = new CopyOnWriteArrayList<>();

    /** Closes (cancels, if still running) every job the test started. */
    static final class CloseJobs implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            for (JobExecution job : STARTED) {
                job.close();
            }
            STARTED.clear();
        }
    }

    /** Polls until {@code condition} holds; fails with {@code what} (and the job's state) after {@link #WAIT_MS}. */
    static void await(JobExecution job, String what, BooleanSupplier condition) throws InterruptedException {
        await(job, what, WAIT_MS, condition);
    }

    static void await(JobExecution job, String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeoutMs + " ms for " + what + "; job " + job.status() + ", checkpoints "
                        + job.checkpoints().counts() + ", last events " + tail(job.events().recent(), 8));
            }
            Thread.sleep(10);
        }
    }

    /** Waits until at least {@code n} checkpoints completed. */
    static void awaitCompleted(JobExecution job, long n) throws InterruptedException {
        await(job, n + " completed checkpoints", () -> job.checkpoints().counts().completed() >= n);
    }

    /** Cancels the job and waits for its result. */
    static JobResult cancel(JobExecution job) throws Exception {
        job.cancel();
        return JobHarness.awaitEnd(job);
    }

    static <T extends EngineEvent> List<T> events(JobExecution job, Class<T> type) {
        return job.events().recent().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The {@code chk-N} folders under {@code root} (any job), sorted by N. */
    static List<Path> chkFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("chk-\\d+")).forEach(found::add);
        }
        found.sort((a, b) -> Long.compare(number(a), number(b)));
        return found;
    }

    static long number(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring(4));
    }

    private static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
