package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults aimed at a source, as the CLI ({@code --fail clicks/0@N}, {@code --slow clicks=MICROS}) and the
 * app offer them for every operator: the source subtask fails after its N-th record or at once, and
 * recovery restores its position; slowing it slows the job down.
 */
class SourceFaultRecoveryTest {
    private static final long EVENTS = 1_000_000;
    private static final int USERS = 50_000;
    private static final long[] EXPECTED = Recovery.expectedCounts(EVENTS, USERS, 42);

    @TempDir
    Path checkpoints;

    @Test
    void sourceSubtaskFailingAfterItsNthRecord_isRestoredAndTheCountsAreExact() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("clicks", 1, 300_000);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 400_000, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(events(execution, EngineEvent.TaskFailed.class)).singleElement().satisfies(f -> {
                assertThat(f.task()).startsWith("clicks");
                assertThat(f.subtask()).isEqualTo(1);
                assertThat(f.error()).contains("after 300000 records");
            });
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isPositive();
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    @Test
    void sourceFailedNowAfterACheckpoint_isRestoredAndTheCountsAreExact() throws Exception {
        FaultInjector faults = new FaultInjector();
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 400_000, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            AtomicLong failedAfter = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNow("clicks", 0);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(events(execution, EngineEvent.TaskFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.task()).startsWith("clicks"));
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isGreaterThanOrEqualTo(failedAfter.get());
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    @Test
    void slowingTheSource_slowsTheJobDown() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("clicks", 100); // 10,000 events per subtask: at least 1 s
        JobDocument job = Recovery.clicksIntoCollect(20_000, 1000, 2, 0, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(result.durationMillis()).isGreaterThanOrEqualTo(1000);
            assertExactlyOnce(pairs(result, Recovery.OUT), Recovery.expectedCounts(20_000, 1000, 42), 0);
        }
    }
}
