package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every restart strategy's limit ends a job whose failures come from checkpoints (every checkpoint's write
 * fails, none is tolerated, so each attempt fails over at its first checkpoint): the job restarts exactly as
 * often as the strategy allows, then fails with the threshold's message.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CheckpointFailureRestartLimitTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {2} restarts")
    @CsvSource(delimiter = '|', textBlock = """
            none              |                                                                                   | 0
            fixed-delay       | restart-strategy.fixed-delay.attempts=2,restart-strategy.fixed-delay.delay=10ms   | 2
            failure-rate      | restart-strategy.failure-rate.max-failures-per-interval=2,restart-strategy.failure-rate.delay=10ms | 2
            exponential-delay | restart-strategy.exponential-delay.attempts-before-reset-backoff=2,restart-strategy.exponential-delay.initial-backoff=10ms,restart-strategy.exponential-delay.max-backoff=50ms | 2
            """)
    void failuresCountedFromCheckpointFailures_endTheJobAtTheStrategysLimit(String strategy, String settings, int restarts) throws Exception {
        Map<String, Object> config = CheckpointJobs.config(dir.resolve("checkpoints"), "execution.checkpointing.interval", "50ms",
                "restart-strategy.type", strategy);
        if (settings != null) {
            for (String kv : settings.split(",")) {
                String[] p = kv.split("=");
                config.put(p[0], p[1]);
            }
        }
        FaultInjector faults = new FaultInjector();
        for (int i = 0; i < 10_000; i++) {
            faults.failNextCheckpoint();
        }

        JobExecution job = start(unboundedClicks(2, 20_000, config), faults);
        JobResult result = JobHarness.awaitEnd(job);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("Exceeded checkpoint tolerable failure threshold");
        assertThat(events(job, EngineEvent.JobRestarting.class)).hasSize(restarts);
        assertThat(job.restores()).hasSize(restarts);
        if (restarts > 0) {
            assertThat(events(job, EngineEvent.JobStatusChanged.class)).last()
                    .satisfies(s -> assertThat(s.message()).contains("no restart left", strategy));
        }
    }
}
