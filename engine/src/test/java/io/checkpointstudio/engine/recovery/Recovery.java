package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What the recovery tests share: the expected per-user counts computed straight from WORKLOAD.md §3 with
 * {@link SplittableRandom} (independent of the engine's generator code), the job shapes, the checkpoint
 * and restart configuration, and checks of what a non-transactional sink saw across restarts.
 */
final class Recovery {
    /** A job that has not ended after this long is cancelled and reported as hanging. */
    static final long JOB_TIMEOUT_SECONDS = 20;
    static final String OUT = "out";

    private Recovery() {
    }

    /**
     * Each user's number of logged-in events among events {@code 0..events-1} of generator {@code seed}:
     * WORKLOAD.md §3's equivalent form, the i-th event taking the (2i+1)-th and (2i+2)-th {@code nextLong()}.
     */
    static long[] expectedCounts(long events, int users, long seed) {
        long[] counts = new long[users];
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < events; i++) {
            long h1 = r.nextLong();
            long h2 = r.nextLong();
            if (Long.remainderUnsigned(h2, 10) < 8) {
                counts[(int) Long.remainderUnsigned(h1, users)]++;
            }
        }
        return counts;
    }

    static long[] plus(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < b.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    static long total(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Checkpoints every {@code intervalMs} into {@code dir}, restart fixed-delay with {@code attempts} and no delay. */
    static Map<String, Object> config(Path dir, String mode, long intervalMs, int attempts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("execution.checkpointing.interval", intervalMs + "ms");
        c.put("execution.checkpointing.mode", mode);
        c.put("execution.checkpointing.dir", dir.toString());
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", attempts);
        c.put("restart-strategy.fixed-delay.delay", "0ms");
        return c;
    }

    /**
     * The clicks workload (datagen-clicks → logged-in → pair → by-user → per-user sum) into a collect sink,
     * the source limited to {@code eventsPerSecond} (0: unlimited) so that the job lives long enough for
     * several checkpoints.
     */
    static JobDocument clicksIntoCollect(long events, int users, int parallelism, long eventsPerSecond, Map<String, Object> config) {
        JobDocument clicks = ClicksJob.document(events, users, parallelism, config);
        List<OperatorSpec> operators = new ArrayList<>(clicks.operators().stream().filter(o -> !o.id().equals(ClicksJob.SINK))
                .map(o -> o.id().equals(ClicksJob.SOURCE) ? o.withParam("eventsPerSecond", eventsPerSecond) : o).toList());
        operators.add(OperatorSpec.of(OUT, "collect", Map.of("limit", 10_000_000L)));
        List<EdgeSpec> edges = clicks.edges().stream().map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), OUT) : e).toList();
        return clicks.withOperators(operators).withEdges(edges);
    }

    /**
     * Two click sources keyed into one running count: {@code left} (one subtask, seed 42) feeds a filter
     * {@code left-filter} at the default parallelism through a rebalance (so the filter is a task of its
     * own, which a test can slow down to hold the left barriers back behind a full channel), {@code right}
     * (seed 7) is chained with its filter; both go by user into {@code per-user} (count) and a collect sink.
     * The keyed task therefore aligns barriers of channels from both sides.
     */
    static JobDocument twoSources(long leftEvents, long rightEvents, long rightPerSecond, int users, int parallelism,
                                  Map<String, Object> config) {
        return twoSources(leftEvents, 0, rightEvents, rightPerSecond, users, parallelism, config);
    }

    /** {@link #twoSources} with the left source limited to {@code leftPerSecond} events per second too (0: unlimited). */
    static JobDocument twoSources(long leftEvents, long leftPerSecond, long rightEvents, long rightPerSecond, int users, int parallelism,
                                  Map<String, Object> config) {
        Map<String, Object> cfg = new LinkedHashMap<>(config);
        cfg.put("parallelism.default", parallelism);
        List<OperatorSpec> operators = List.of(
                OperatorSpec.of("left", "datagen-clicks", Map.of("events", leftEvents, "users", (long) users, "seed", 42L,
                        "eventsPerSecond", leftPerSecond)).withParallelism(1),
                OperatorSpec.of("left-filter", "filter", Map.of("condition", "loggedIn")),
                OperatorSpec.of("right", "datagen-clicks", Map.of("events", rightEvents, "users", (long) users, "seed", 7L,
                        "eventsPerSecond", rightPerSecond)),
                OperatorSpec.of("right-filter", "filter", Map.of("condition", "loggedIn")),
                OperatorSpec.of("by-user", "key-by", Map.of("key", "userId")),
                OperatorSpec.of("per-user", "count", Map.of()),
                OperatorSpec.of(OUT, "collect", Map.of("limit", 10_000_000L)));
        List<EdgeSpec> edges = List.of(new EdgeSpec("left", "left-filter"), new EdgeSpec("right", "right-filter"),
                new EdgeSpec("left-filter", "by-user"), new EdgeSpec("right-filter", "by-user"),
                new EdgeSpec("by-user", "per-user"), new EdgeSpec("per-user", OUT));
        return new JobDocument(JobDocument.FORMAT, "two-sources", null, cfg, operators, edges, Map.of());
    }

    /** Waits for the job's result; cancels it and fails when it does not end in time. */
    static JobResult awaitEnd(JobExecution execution) throws Exception {
        try {
            return execution.result().get(JOB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            String state = execution.status() + ", checkpoints " + execution.checkpoints().counts();
            execution.cancel();
            throw new AssertionError("job did not end within " + JOB_TIMEOUT_SECONDS + " s; " + state, e);
        }
    }

    /** Rows of a collect sink as (user, value) pairs, each subtask's rows in the order it received them. */
    static List<long[]> pairs(JobResult result, String collectId) {
        List<long[]> pairs = new ArrayList<>();
        for (Object[] row : CollectSink.rows(result.results().of(collectId))) {
            pairs.add(new long[] {(Long) row[0], (Long) row[1]});
        }
        return pairs;
    }

    /** The last value each user received (a user's records all go to one sink subtask, in order). */
    static long[] lastValues(List<long[]> pairs, int users) {
        long[] last = new long[users];
        for (long[] p : pairs) {
            last[(int) p[0]] = p[1];
        }
        return last;
    }

    /**
     * Exactly-once as a non-transactional sink sees it: each user's running counts go up one by one, may
     * start again lower after a restore (records replayed from a checkpoint carry the same counts), and
     * the values a user received are exactly 1..its expected count: none skipped, none beyond.
     */
    static void assertExactlyOnce(List<long[]> pairs, long[] expected, int restores) {
        int users = expected.length;
        long[] last = new long[users];
        long[] max = new long[users];
        int[] rewinds = new int[users];
        for (long[] p : pairs) {
            int u = (int) p[0];
            long v = p[1];
            if (v != last[u] + 1) {
                assertThat(v).as("user %d received %d after %d: a count that skips ahead", u, v, last[u]).isLessThanOrEqualTo(last[u]);
                rewinds[u]++;
            }
            assertThat(v).as("user %d received count %d", u, v).isPositive();
            last[u] = v;
            max[u] = Math.max(max[u], v);
        }
        for (int u = 0; u < users; u++) {
            assertThat(last[u]).as("final count of user %d", u).isEqualTo(expected[u]);
            assertThat(max[u]).as("highest count user %d ever received", u).isEqualTo(expected[u]);
            assertThat(rewinds[u]).as("restarts visible in user %d's counts", u).isLessThanOrEqualTo(restores);
        }
    }

    /** Every event published so far (the bus keeps the recent ones), of one type. */
    static <T extends EngineEvent> List<T> events(JobExecution execution, Class<T> type) {
        return execution.events().recent().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The statistics of checkpoint {@code id}, from the history. */
    static CheckpointStats checkpoint(JobExecution execution, long id) {
        return execution.checkpoints().history().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("checkpoint " + id + " is not in the history"));
    }

    static List<CheckpointStats> history(JobExecution execution, Predicate<CheckpointStats> filter) {
        return execution.checkpoints().history().stream().filter(filter).toList();
    }

    static boolean completed(CheckpointStats c) {
        return c.status() == CheckpointStatus.COMPLETED;
    }
}
