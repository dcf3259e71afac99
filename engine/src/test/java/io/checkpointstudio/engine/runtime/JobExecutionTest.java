package io.checkpointstudio.engine.runtime;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.expression.ExpressionFailedException;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole jobs run in-process: the clicks workload at several parallelisms against the oracle computed
 * straight from the generator, a union, a failing operator and cancellation.
 */
class JobExecutionTest {
    private static final long EVENTS = 100_000;
    private static final int USERS = 1000;
    private static final long[] EXPECTED_COUNTS = ClicksOracle.countsPerUser(EVENTS, USERS, 42);

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void clicksJob_checksumsMatchTheOracle(int parallelism) throws Exception {
        long loggedIn = 0;
        long weighted = 0;
        long users = 0;
        for (int u = 0; u < USERS; u++) {
            loggedIn += EXPECTED_COUNTS[u];
            weighted += u * EXPECTED_COUNTS[u];
            users += EXPECTED_COUNTS[u] > 0 ? 1 : 0;
        }

        JobResult result = JobHarness.run(ClicksJob.document(EVENTS, USERS, parallelism, Map.of()));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        ChecksumSink.Checksum sum = ChecksumSink.Checksum.combine(result.results().of(ClicksJob.SINK));
        assertThat(sum).isEqualTo(new ChecksumSink.Checksum(loggedIn, loggedIn, weighted, users));
        assertThat(result.results().of(ClicksJob.SINK)).hasSize(parallelism);
        assertThat(result.operators().get(ClicksJob.SOURCE).recordsOut()).isEqualTo(EVENTS);
        assertThat(result.operators().get(ClicksJob.SUM).recordsIn()).isEqualTo(loggedIn);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void clicksJobIntoACollectSink_countsUpOneByOnePerUserToTheOracleCount(int parallelism) throws Exception {
        JobDocument clicks = ClicksJob.document(EVENTS, USERS, parallelism, Map.of());
        List<OperatorSpec> operators = new ArrayList<>(clicks.operators().stream().filter(o -> !o.id().equals(ClicksJob.SINK)).toList());
        operators.add(op("out", "collect", "limit", 200_000L));
        List<EdgeSpec> edges = clicks.edges().stream()
                .map(e -> e.to().equals(ClicksJob.SINK) ? new EdgeSpec(e.from(), "out") : e).toList();

        JobResult result = JobHarness.run(clicks.withOperators(operators).withEdges(edges));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        // Each user's records reach one sink subtask in order: (u, 1), (u, 2), ..., (u, count(u)).
        long[] last = new long[USERS];
        for (List<Object> row : rows(result, "out")) {
            int user = (int) (long) (Long) row.get(0);
            long clicksSoFar = (Long) row.get(1);
            assertThat(clicksSoFar).as("running sum of user %d", user).isEqualTo(last[user] + 1);
            last[user] = clicksSoFar;
        }
        assertThat(last).containsExactly(EXPECTED_COUNTS);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void unionOfTwoSources_feedsOneFilterWithEveryRecordOfBoth(int parallelism) throws Exception {
        JobDocument job = new JobDocument(JobDocument.FORMAT, "union", null, map("parallelism.default", parallelism),
                List.of(op("low", "datagen-sequence", "from", 1, "to", 1000),
                        op("high", "datagen-sequence", "from", 1001, "to", 2000),
                        op("evens", "filter", "condition", "value % 2 == 0"),
                        op("out", "collect")),
                List.of(new EdgeSpec("low", "evens"), new EdgeSpec("high", "evens"), new EdgeSpec("evens", "out")),
                Map.of());

        JobResult result = JobHarness.run(job);

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out").stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).map(i -> 2 * i).boxed().toList());
        assertThat(result.operators().get("evens").recordsIn()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void operatorThatThrows_failsTheJobWithItsException(int parallelism) throws Exception {
        JobDocument job = JobHarness.chain(map("parallelism.default", parallelism),
                op("clicks", "datagen-clicks", "events", 10_000L, "users", 100L),
                op("divide", "map", "fields", map("userId", "userId", "ratio", "1 / (userId - userId)")),
                op("out", "collect"));

        JobResult result = JobHarness.run(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).isInstanceOf(ExpressionFailedException.class)
                .hasCauseInstanceOf(ArithmeticException.class)
                .hasMessage("operator 'divide' (map): field `ratio` `1 / (userId - userId)` failed: ArithmeticException: / by zero");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void cancel_stopsAnUnboundedJob() throws Exception {
        JobDocument job = JobHarness.chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 0),
                op("odd", "filter", "condition", "value % 2 == 1"),
                op("out", "collect", "limit", 1000L));

        try (JobExecution execution = JobExecution.start(JobHarness.validate(job), RunOptions.defaults())) {
            awaitRecords(execution, "numbers");
            assertThat(execution.status()).isEqualTo(JobStatus.RUNNING);

            execution.cancel();

            JobResult result = execution.result().get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
            assertThat(result.failure()).isNull();
            assertThat(result.operators().get("numbers").recordsOut()).isPositive();
        }
    }

    /** Waits until the operator has emitted records (the job is really running), at most 10 s. */
    private static void awaitRecords(JobExecution execution, String operatorId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (execution.metrics().operator(operatorId).map(OperatorFigures::recordsOut).orElse(0L) == 0) {
            assertThat(System.nanoTime()).as("'%s' emitted nothing within 10 s; status %s", operatorId, execution.status())
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
