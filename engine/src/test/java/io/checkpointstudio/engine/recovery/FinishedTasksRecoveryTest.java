package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.recovery.Recovery.assertExactlyOnce;
import static io.checkpointstudio.engine.recovery.Recovery.awaitEnd;
import static io.checkpointstudio.engine.recovery.Recovery.events;
import static io.checkpointstudio.engine.recovery.Recovery.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.StateRestore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose left source (50,000 events, 1 s) ends long before its right one (300,000 events, 2 s), and
 * whose keyed task fails after the left one has ended. With checkpoints after tasks finish (the default)
 * the job goes on checkpointing and restores a checkpoint that holds the left source at its end; with
 * them off checkpointing stops when the left side finishes, the restore goes back to a checkpoint from
 * before, and the job still ends at once instead of waiting for checkpoints that can never complete.
 */
class FinishedTasksRecoveryTest {
    private static final int USERS = 10_000;
    private static final long LEFT_EVENTS = 50_000;
    private static final long RIGHT_EVENTS = 300_000;
    private static final long[] EXPECTED = Recovery.plus(Recovery.expectedCounts(LEFT_EVENTS, USERS, 42),
            Recovery.expectedCounts(RIGHT_EVENTS, USERS, 7));

    @TempDir
    Path checkpoints;

    @Test
    void checkpointsAfterTasksFinish_restoresACheckpointTakenAfterTheShortSourceEnded() throws Exception {
        long leftPosition = runWithFailureAfterTheLeftSourceEnded(true);

        assertThat(leftPosition).as("the left source's position in the restored checkpoint").isEqualTo(LEFT_EVENTS);
    }

    @Test
    void noCheckpointsAfterTasksFinish_checkpointingStopsWhenTheShortSourceEnds_andTheJobStillEnds() throws Exception {
        long leftPosition = runWithFailureAfterTheLeftSourceEnded(false);

        assertThat(leftPosition).as("the left source's position in the restored checkpoint").isLessThan(LEFT_EVENTS);
    }

    /** Runs the job, fails it after the left source ended, checks the outcome; returns the left position restored. */
    private long runWithFailureAfterTheLeftSourceEnded(boolean afterTasksFinish) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(Recovery.config(checkpoints, "EXACTLY_ONCE", 50, 1));
        config.put("execution.checkpointing.checkpoints-after-tasks-finish", afterTasksFinish);
        config.put("execution.checkpointing.num-retained", 100); // the restored checkpoint stays readable
        JobDocument job = Recovery.twoSources(LEFT_EVENTS, 50_000, RIGHT_EVENTS, 150_000, USERS, 2, config);
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("per-user", 0, 100_000); // after some 1.6 s: the left source ended at about 1 s

        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, faults)) {
            AtomicReference<Object> leftPosition = new AtomicReference<>();
            execution.events().subscribe(e -> {
                if (e instanceof EngineEvent.JobRestored r) {
                    leftPosition.set(leftSourcePosition(execution, r.checkpointId()));
                }
            });
            JobResult result = awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(result.durationMillis()).as("the job ends when its input does").isLessThan(10_000);
            assertThat(execution.restores()).hasSize(1);
            assertThat(execution.restores().get(0).checkpointId()).isPositive();
            if (!afterTasksFinish) {
                assertThat(events(execution, EngineEvent.CheckpointFailed.class))
                        .allMatch(f -> f.reason().startsWith("Not all required tasks are running")
                                || f.reason().startsWith("The job failed or restarted"));
            }
            assertExactlyOnce(pairs(result, Recovery.OUT), EXPECTED, 1);
            assertThat(leftPosition.get()).as("left position read at the restore").isInstanceOf(Long.class);
            return (Long) leftPosition.get();
        }
    }

    /** The next event number of the left source (one subtask) in checkpoint {@code id}, or the error reading it. */
    private static Object leftSourcePosition(JobExecution execution, long id) {
        try {
            SnapshotRestore snapshot = SnapshotRestore.open(execution.coordinator().storage().checkpointDir(id));
            StateRestore left = snapshot.forSubtask("left", 0, 1, snapshot.metadata().maxParallelism());
            return Bytes.toLongs(left.listState().get(0))[0];
        } catch (Exception e) {
            return e;
        }
    }
}
