package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AT_LEAST_ONCE recovery: barriers are not aligned, so the keyed task goes on counting records of a side
 * whose barrier has passed while it waits for the other side's, and takes its snapshot only at the last
 * barrier. Those records are in the snapshot and, after a restore from it, are replayed: no user ends up
 * below the oracle and the over-count is visible.
 */
class AtLeastOnceRecoveryTest {
    private static final int USERS = 10_000;
    private static final long LEFT_EVENTS = 120_000;
    private static final long RIGHT_EVENTS = 300_000;

    @TempDir
    Path checkpoints;

    /**
     * The left side's barriers are held back behind a full channel of a slowed filter, so every checkpoint
     * reaches the keyed task on the right side hundreds of milliseconds before the left; the right source
     * keeps producing meanwhile (rate-limited to last as long as the left). A failure right after a
     * checkpoint completed restores that checkpoint: the right records counted between the two barriers
     * are counted again.
     */
    @Test
    void failureAfterACheckpointWhoseBarriersArrivedFarApart_overCountsButNeverUnderCounts() throws Exception {
        long[] expected = Recovery.plus(Recovery.expectedCounts(LEFT_EVENTS, USERS, 42), Recovery.expectedCounts(RIGHT_EVENTS, USERS, 7));
        FaultInjector faults = new FaultInjector();
        faults.slow("left-filter", 30);
        JobDocument job = Recovery.twoSources(LEFT_EVENTS, RIGHT_EVENTS, 200_000, USERS, 2,
                Recovery.config(checkpoints, "AT_LEAST_ONCE", 50, 1));

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            AtomicLong failedAfter = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNow("per-user", -1);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            long restoredId = execution.restores().get(0).checkpointId();
            assertThat(restoredId).isGreaterThanOrEqualTo(failedAfter.get());
            CheckpointStats restored = Recovery.checkpoint(execution, restoredId);
            assertThat(ExactlyOnceRecoveryTest.task(restored, "per-user").processedData())
                    .as("bytes the keyed task counted between the first and the last barrier of checkpoint %d", restoredId).isPositive();

            List<long[]> pairs = pairs(result, Recovery.OUT);
            long[] last = Recovery.lastValues(pairs, USERS);
            for (int u = 0; u < USERS; u++) {
                assertThat(last[u]).as("final count of user %d", u).isGreaterThanOrEqualTo(expected[u]);
            }
            long expectedTotal = Recovery.total(expected);
            assertThat(Recovery.total(last)).as("sum of the final counts: records counted twice after the restore").isGreaterThan(expectedTotal);
            assertThat((long) pairs.size()).as("records that reached the sink").isGreaterThan(expectedTotal);
        }
    }
}
