package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXACTLY_ONCE recovery against the oracle: whenever the failure strikes (before any checkpoint, while the
 * keyed task aligns barriers, when a checkpoint's asynchronous write fails, right after a checkpoint
 * completed), the job restores and every user's final count equals the count computed from the generator;
 * a sink that keeps what it saw across restarts received each user's counts 1..n, none skipped or beyond.
 */
class ExactlyOnceRecoveryTest {
    private static final long EVENTS = 1_000_000;
    private static final int USERS = 50_000;
    /** Events per second: the job runs about 2.5 s, with checkpoints every 50 ms. */
    private static final long RATE = 400_000;
    private static final long[] EXPECTED = Recovery.expectedCounts(EVENTS, USERS, 42);

    @TempDir
    Path checkpoints;

    @Test
    void theOracleOfTheseTestsAgreesWithTheBenchmarksOracle() {
        assertThat(EXPECTED).containsExactly(ClicksOracle.countsPerUser(EVENTS, USERS, 42));
        assertThat(Recovery.total(Recovery.expectedCounts(2_000_000, 100_000, 42))).isEqualTo(1_599_417); // WORKLOAD.md §3
    }

    @Test
    void failureBeforeTheFirstCheckpointCompletes_restartsFromTheBeginningAndCountsExactly() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("per-user", 0, 10);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, RATE, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = start(job, faults)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("restored from no checkpoint: none had completed").isZero();
            assertRestoredEvent(execution);
            assertThat(failureTimes(execution)).hasSize(1);
            long failedAt = failureTimes(execution).get(0);
            assertThat(events(execution, EngineEvent.CheckpointCompleted.class)).allMatch(c -> c.at() >= failedAt);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    /**
     * The left side is held back by a slowed filter behind a full channel, so each of its barriers reaches
     * the keyed task long after the right side's: the keyed task spends most of its time aligning. Once
     * the right side has acknowledged checkpoint N and the keyed task has not, the keyed task is made to
     * fail at its next batch, which comes from a left channel still before its barrier.
     */
    @Test
    void failureOfTheKeyedTaskWhileItAlignsBarriers_restoresTheCheckpointBeforeAndCountsExactly() throws Exception {
        long leftEvents = 120_000;
        long rightEvents = 300_000;
        long[] expected = Recovery.plus(Recovery.expectedCounts(leftEvents, 10_000, 42), Recovery.expectedCounts(rightEvents, 10_000, 7));
        FaultInjector faults = new FaultInjector();
        faults.slow("left-filter", 30);
        JobDocument job = Recovery.twoSources(leftEvents, rightEvents, 0, 10_000, 2, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = start(job, faults)) {
            CheckpointStats aligning = awaitAligning(execution, 3);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            faults.failNow("per-user", -1);
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<EngineEvent.TaskFailed> failures = events(execution, EngineEvent.TaskFailed.class);
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).task()).contains("per-user");
            assertThat(Recovery.checkpoint(execution, aligning.id()).status())
                    .as("checkpoint %d, whose barriers the keyed task was aligning", aligning.id()).isEqualTo(CheckpointStatus.FAILED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isBetween(2L, aligning.id() - 1);
            assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), expected, 1);
        }
    }

    /** With no failed checkpoint tolerated, a failed asynchronous write fails the job over to the checkpoint before. */
    @Test
    void failedAsynchronousCheckpointWrite_failsTheJobOverToThePreviousCheckpointAndCountsExactly() throws Exception {
        FaultInjector faults = new FaultInjector();
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, RATE, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = start(job, faults)) {
            AtomicLong armedAfter = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && armedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNextCheckpoint();
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<EngineEvent.CheckpointFailed> failed = events(execution, EngineEvent.CheckpointFailed.class).stream()
                    .filter(f -> f.reason().contains("injected failure of the asynchronous checkpoint write")).toList();
            assertThat(failed).hasSize(1);
            long failedId = failed.get(0).checkpointId();
            assertThat(failedId).isGreaterThan(armedAfter.get());
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).as("the newest completed checkpoint before the failed one")
                    .isEqualTo(failedId - 1);
            assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    /** A tolerated failed write leaves no checkpoint behind; a task failure right after restores the one before it. */
    @Test
    void taskFailureRightAfterAFailedAsynchronousWrite_restoresTheLastCompletedCheckpointAndCountsExactly() throws Exception {
        FaultInjector faults = new FaultInjector();
        Map<String, Object> config = new java.util.LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("execution.checkpointing.tolerable-failed-checkpoints", 5);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, RATE, config);

        try (JobExecution execution = start(job, faults)) {
            AtomicLong armedAfter = new AtomicLong();
            AtomicLong failedWrite = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && armedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNextCheckpoint();
                } else if (e instanceof EngineEvent.CheckpointFailed f && f.reason().contains("injected")
                        && failedWrite.compareAndSet(0, f.checkpointId())) {
                    faults.failNow("per-user", 0);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedWrite.get()).isGreaterThan(armedAfter.get());
            assertThat(events(execution, EngineEvent.TaskFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.task()).contains("per-user"));
            assertThat(execution.restores()).hasSize(1);
            long restored = execution.restores().get(0).checkpointId();
            assertThat(restored).as("not the failed checkpoint %d", failedWrite.get()).isNotEqualTo(failedWrite.get());
            assertThat(restored).isBetween(armedAfter.get(), failedWrite.get() - 1);
            assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    @Test
    void failureRightAfterACheckpointCompleted_restoresThatCheckpointAndCountsExactly() throws Exception {
        FaultInjector faults = new FaultInjector();
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, RATE, Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));

        try (JobExecution execution = start(job, faults)) {
            AtomicLong failedAfter = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNow("per-user", -1);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).isPositive();
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isGreaterThanOrEqualTo(failedAfter.get());
            assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    static JobExecution start(JobDocument job, FaultInjector faults) throws Exception {
        return JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), faults, null);
    }

    static void assertRestoredEvent(JobExecution execution) {
        List<EngineEvent.JobRestored> restored = events(execution, EngineEvent.JobRestored.class);
        assertThat(restored).as("JobRestored events").hasSize(execution.restores().size());
        for (int i = 0; i < restored.size(); i++) {
            assertThat(restored.get(i).checkpointId()).isEqualTo(execution.restores().get(i).checkpointId());
        }
    }

    private static List<Long> failureTimes(JobExecution execution) {
        return events(execution, EngineEvent.TaskFailed.class).stream().map(EngineEvent::at).toList();
    }

    /**
     * Waits for a checkpoint (at least {@code minId}) that the right source task has acknowledged and the
     * keyed task has not: its right barriers have reached the keyed task, its left ones are held back.
     */
    static CheckpointStats awaitAligning(JobExecution execution, long minId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<CheckpointStats> found = execution.checkpoints().history().stream()
                    .filter(c -> c.id() >= minId && c.status() == CheckpointStatus.IN_PROGRESS)
                    .filter(c -> task(c, "right").numAcknowledgedSubtasks() == task(c, "right").numSubtasks()
                            && task(c, "per-user").numAcknowledgedSubtasks() == 0)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        throw new AssertionError("no checkpoint was seen aligning within 10 s; " + execution.checkpoints().counts());
    }

    static TaskCheckpointStats task(CheckpointStats c, String operatorId) {
        return c.tasks().stream().filter(t -> t.operatorIds().contains(operatorId)).findFirst().orElseThrow();
    }
}
