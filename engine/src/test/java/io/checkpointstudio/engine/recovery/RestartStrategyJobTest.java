package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.fault.InjectedFailure;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart strategies deciding real jobs: one injected failure per attempt (the first after the keyed
 * task's 1,000th record, each later one as soon as the restarted attempt runs), against the strategy's
 * number of restarts.
 */
class RestartStrategyJobTest {
    private static final long EVENTS = 1_000_000;
    private static final int USERS = 50_000;
    private static final long RATE = 500_000;

    @TempDir
    Path checkpoints;

    @Test
    void restartStrategyNone_failsTheJobAtTheFirstFailure() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("restart-strategy.type", "none");

        try (JobExecution execution = runWithFailures(config, 1)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            assertThat(result.failure()).isInstanceOf(InjectedFailure.class);
            assertThat(execution.restores()).isEmpty();
            assertThat(events(execution, EngineEvent.JobRestarting.class)).isEmpty();
            assertThat(events(execution, EngineEvent.TaskFailed.class)).hasSize(1);
        }
    }

    @Test
    void fixedDelayWithTwoAttempts_failsTheJobAtTheThirdFailure() throws Exception {
        try (JobExecution execution = runWithFailures(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 2), 3)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            assertThat(result.failure()).isInstanceOf(InjectedFailure.class);
            assertThat(events(execution, EngineEvent.TaskFailed.class)).hasSize(3);
            assertThat(events(execution, EngineEvent.JobRestarting.class)).extracting(EngineEvent.JobRestarting::attempt).containsExactly(2, 3);
            assertThat(execution.restores()).hasSize(2);
            assertThat(events(execution, EngineEvent.JobStatusChanged.class)).last()
                    .satisfies(s -> assertThat(s.message()).contains("no restart left").contains("fixed-delay"));
        }
    }

    @Test
    void fixedDelayWithTwoAttempts_survivesTwoFailuresAndCountsExactly() throws Exception {
        try (JobExecution execution = runWithFailures(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 2), 2)) {
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(events(execution, EngineEvent.TaskFailed.class)).hasSize(2);
            assertThat(execution.restores()).hasSize(2);
            assertThat(execution.restores()).extracting(JobExecution.RestoreRecord::attempt).containsExactly(2, 3);
            ExactlyOnceRecoveryTest.assertRestoredEvent(execution);
            assertExactlyOnce(pairs(result, Recovery.OUT), Recovery.expectedCounts(EVENTS, USERS, 42), 2);
        }
    }

    /** Starts the clicks job and fails its keyed subtask 0 once in each of the first {@code failures} attempts. */
    private static JobExecution runWithFailures(Map<String, Object> config, int failures) throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("per-user", 0, 1000);
        JobDocument job = Recovery.clicksIntoCollect(EVENTS, USERS, 2, RATE, config);
        JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults);
        AtomicInteger injected = new AtomicInteger(1);
        execution.events().subscribe(e -> {
            // The restarted attempt's subtasks exist when it reports RUNNING: aim the next failure at it.
            if (e instanceof EngineEvent.JobStatusChanged s && s.status() == JobStatus.RUNNING && s.message() != null
                    && s.message().startsWith("restarted") && injected.getAndIncrement() < failures) {
                faults.failNow("per-user", 0);
            }
        });
        return execution;
    }
}
