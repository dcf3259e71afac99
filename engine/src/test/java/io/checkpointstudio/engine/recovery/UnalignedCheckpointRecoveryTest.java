package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unaligned checkpoints under back-pressure: the sink is slowed so the channels into the keyed task stay
 * full (16 batches of about 1,000 records, some 500 ms of work). Aligned barriers wait behind all of that
 * data and their checkpoints expire (timeout 250 ms); unaligned barriers overtake it, the overtaken records
 * are persisted with the checkpoint, and the checkpoints complete. A restore replays the persisted
 * records, and the counts are exact.
 */
class UnalignedCheckpointRecoveryTest {
    private static final long EVENTS = 200_000;
    private static final int USERS = 10_000;
    private static final long[] EXPECTED = Recovery.expectedCounts(EVENTS, USERS, 42);
    /** Microseconds per record in the sink: about 33,000 records per second per subtask. */
    private static final long SINK_MICROS = 30;
    private static final String TIMEOUT = "250ms";

    @TempDir
    Path checkpoints;

    private Map<String, Object> config(boolean unaligned, String alignedTimeout) {
        Map<String, Object> c = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 100, 1));
        c.put("execution.checkpointing.timeout", TIMEOUT);
        c.put("execution.checkpointing.tolerable-failed-checkpoints", 1000);
        c.put("execution.checkpointing.unaligned.enabled", unaligned);
        if (alignedTimeout != null) {
            c.put("execution.checkpointing.aligned-checkpoint-timeout", alignedTimeout);
        }
        return c;
    }

    private JobExecution startBackPressured(Map<String, Object> config, FaultInjector faults) throws Exception {
        faults.slow(Recovery.OUT, SINK_MICROS);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 0, config);
        return ExactlyOnceRecoveryTest.start(job, faults);
    }

    @Test
    void alignedCheckpointsUnderBackPressure_expire() throws Exception {
        try (JobExecution execution = startBackPressured(config(false, null), new FaultInjector())) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(expired(execution)).as("checkpoints that expired behind the back-pressured data").hasSizeGreaterThanOrEqualTo(3);
            assertThat(Recovery.history(execution, Recovery::completed))
                    .as("completed checkpoints: at most the last ones, once the input ended and the channels drained").hasSizeLessThanOrEqualTo(2)
                    .allMatch(c -> c.persistedData() == 0 && c.checkpointType().equals("CHECKPOINT"));
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 0);
        }
    }

    @Test
    void unalignedCheckpointsUnderBackPressure_completeWithPersistedInFlightData() throws Exception {
        try (JobExecution execution = startBackPressured(config(true, null), new FaultInjector())) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<CheckpointStats> withInFlight = Recovery.history(execution, c -> Recovery.completed(c) && c.persistedData() > 0);
            assertThat(withInFlight).as("completed checkpoints with persisted in-flight data").hasSizeGreaterThanOrEqualTo(5);
            assertThat(expired(execution)).as("expired checkpoints (the first one may, while the job warms up)").hasSizeLessThanOrEqualTo(1);
            assertThat(withInFlight).allMatch(c -> c.checkpointType().equals("UNALIGNED_CHECKPOINT"));
            assertThat(ExactlyOnceRecoveryTest.task(withInFlight.get(0), "per-user").subtasks())
                    .filteredOn(Objects::nonNull).anyMatch(s -> s.persistedData() > 0 && s.unalignedCheckpoint());
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 0);
        }
    }

    @Test
    void failureAfterAnUnalignedCheckpointWithInFlightData_replaysItAndCountsExactly() throws Exception {
        FaultInjector faults = new FaultInjector();
        try (JobExecution execution = startBackPressured(config(true, null), faults)) {
            AtomicLong failedAfter = new AtomicLong();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2
                        && Recovery.checkpoint(execution, c.checkpointId()).persistedData() > 0
                        && failedAfter.compareAndSet(0, c.checkpointId())) {
                    faults.failNow("per-user", -1);
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).isPositive();
            assertThat(execution.restores()).hasSize(1);
            long restoredId = execution.restores().get(0).checkpointId();
            assertThat(restoredId).isGreaterThanOrEqualTo(failedAfter.get());
            assertThat(Recovery.checkpoint(execution, restoredId).persistedData()).as("in-flight bytes of the restored checkpoint").isPositive();
            ExactlyOnceRecoveryTest.assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
        }
    }

    /**
     * The keyed task has captured its state at the right side's unaligned barriers and waits for the left
     * side's, which a heavily slowed filter holds back; it fails while waiting. The checkpoint's pending
     * in-flight data never completes, and that must not keep the job's snapshot writers busy: the restarted
     * attempt has to take checkpoints (its final one included) and finish.
     */
    @Test
    void failureWhileTheKeyedTaskWaitsForTheLastUnalignedBarrier_theRestartedJobStillCheckpointsAndCountsExactly() throws Exception {
        long leftEvents = 20_000;
        long rightEvents = 200_000;
        long[] expected = Recovery.plus(Recovery.expectedCounts(leftEvents, USERS, 42), Recovery.expectedCounts(rightEvents, USERS, 7));
        FaultInjector faults = new FaultInjector();
        faults.slow("left-filter", 200);
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 100, 1));
        config.put("execution.checkpointing.unaligned.enabled", true);
        JobDocument job = Recovery.twoSources(leftEvents, rightEvents, 100_000, USERS, 2, config);

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            CheckpointStats waiting = ExactlyOnceRecoveryTest.awaitAligning(execution, 2);
            faults.failNow("per-user", -1);
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(Recovery.checkpoint(execution, waiting.id()).status()).isEqualTo(CheckpointStatus.FAILED);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isLessThan(waiting.id());
            assertThat(Recovery.history(execution, c -> Recovery.completed(c) && c.id() > waiting.id()))
                    .as("checkpoints completed after the restart").isNotEmpty();
            assertExactlyOnce(pairs(result, Recovery.OUT), expected, 1);
        }
    }

    /**
     * Checkpoints start aligned and switch to unaligned once they are older than the aligned-checkpoint
     * timeout (20 ms). Under back-pressure the barriers sit behind about 500 ms of data, so each keyed
     * subtask has to switch while its barriers are still queued: the checkpoints then complete within the
     * 250 ms checkpoint timeout, like unaligned ones, where aligned ones expire.
     */
    @Test
    void alignedCheckpointTimeout_switchesToUnalignedUnderBackPressure() throws Exception {
        try (JobExecution execution = startBackPressured(config(true, "20ms"), new FaultInjector())) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(events(execution, EngineEvent.CheckpointTriggered.class)).as("every checkpoint starts aligned")
                    .noneMatch(EngineEvent.CheckpointTriggered::unaligned);
            List<CheckpointStats> switched = Recovery.history(execution, c -> Recovery.completed(c)
                    && ExactlyOnceRecoveryTest.task(c, "per-user").subtasks().stream().filter(Objects::nonNull)
                    .anyMatch(SubtaskCheckpointStats::unalignedCheckpoint));
            assertThat(switched).as("completed checkpoints in which the keyed task switched to unaligned").hasSizeGreaterThanOrEqualTo(5);
            assertThat(switched).allMatch(c -> c.checkpointType().equals("UNALIGNED_CHECKPOINT"));
            assertThat(expired(execution)).as("expired checkpoints (the first one may, while the job warms up)").hasSizeLessThanOrEqualTo(1);
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 0);
        }
    }

    /** Without back-pressure the barriers align well within a generous aligned timeout: nothing switches. */
    @Test
    void alignedCheckpointTimeout_withoutBackPressure_checkpointsStayAligned() throws Exception {
        Map<String, Object> config = config(true, "5s");
        config.put("execution.checkpointing.timeout", "10s");
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, 100_000, config);
        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, new FaultInjector())) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            List<CheckpointStats> completed = Recovery.history(execution, Recovery::completed);
            assertThat(completed).hasSizeGreaterThanOrEqualTo(5);
            assertThat(completed).allMatch(c -> c.checkpointType().equals("CHECKPOINT") && c.persistedData() == 0);
            assertThat(events(execution, EngineEvent.CheckpointFailed.class)).isEmpty();
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 0);
        }
    }

    private static List<EngineEvent.CheckpointFailed> expired(JobExecution execution) {
        return events(execution, EngineEvent.CheckpointFailed.class).stream().filter(f -> f.reason().contains("expired")).toList();
    }
}
