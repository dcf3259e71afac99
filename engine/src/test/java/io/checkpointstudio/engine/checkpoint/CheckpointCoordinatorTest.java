package io.checkpointstudio.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.checkpointstudio.engine.config.CheckpointingMode;
import io.checkpointstudio.engine.config.ExternalizedCheckpointRetention;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator driven directly, with stand-in tasks whose acknowledgements the test sends in an order
 * a real job produces only rarely (a newer checkpoint completing before an older one; acknowledgements
 * arriving after the job ended).
 */
class CheckpointCoordinatorTest {
    @TempDir
    Path dir;

    final Tasks tasks = new Tasks();
    final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    final List<Throwable> jobFailures = new CopyOnWriteArrayList<>();
    final CheckpointStatsTracker stats = new CheckpointStatsTracker(100);
    CheckpointCoordinator coordinator;

    /** Two tasks of one subtask each; records what the coordinator asks of them. */
    static final class Tasks implements CheckpointParticipants {
        final LinkedBlockingQueue<Long> triggered = new LinkedBlockingQueue<>();

        @Override
        public List<Task> tasks() {
            return List.of(new Task("source", List.of("source"), 1, List.of("datagen-sequence"), List.of("datagen-sequence")),
                    new Task("sink", List.of("sink"), 1, List.of("collect"), List.of("collect")));
        }

        @Override
        public void triggerSources(long checkpointId, long timestamp, boolean unaligned, long alignedTimeoutMs, boolean savepoint,
                                   boolean finalCheckpoint) {
            triggered.add(checkpointId);
        }

        @Override
        public void stopWithSavepoint(long checkpointId, long timestamp, boolean drain) {
            triggered.add(checkpointId);
        }

        @Override
        public void notifyComplete(long checkpointId) {
        }

        @Override
        public void notifyAborted(long checkpointId) {
        }
    }

    CheckpointCoordinator start(Duration interval, int maxConcurrent, int tolerable) {
        CheckpointSettings settings = new CheckpointSettings(true, interval, Duration.ofMinutes(10), Duration.ZERO, maxConcurrent, tolerable,
                CheckpointingMode.EXACTLY_ONCE, false, Duration.ZERO, ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS, 1, dir,
                null, true);
        coordinator = new CheckpointCoordinator(settings, "job", "job", 128, stats, events::add, (of, cause) -> jobFailures.add(cause));
        coordinator.start(tasks);
        return coordinator;
    }

    @AfterEach
    void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    static SubtaskAck ack(long checkpointId, int task) {
        return new SubtaskAck(checkpointId, task, 0, new SubtaskStateHandle(0, List.of(), null),
                new SubtaskCheckpointStats(0, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, false, Map.of()));
    }

    /**
     * With max-concurrent 2, checkpoint 2 can complete while 1 is still in progress; 1 is then subsumed.
     * That is not a failure of checkpointing (Flink's CHECKPOINT_SUBSUMED is not counted), so with the
     * default tolerable-failed-checkpoints 0 it must not fail the job.
     */
    @Test
    void aCheckpointSubsumedByANewerCompletedOne_doesNotCountAsAFailure() throws Exception {
        start(Duration.ofMillis(10), 2, 0);
        assertThat(tasks.triggered.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(tasks.triggered.poll(5, TimeUnit.SECONDS)).isEqualTo(2);

        coordinator.acknowledge(ack(2, 0));
        coordinator.acknowledge(ack(2, 1));
        await(() -> stats.snapshot().counts().completed() == 1 && stats.snapshot().counts().failed() == 1);

        CheckpointStatsSnapshot s = stats.snapshot();
        assertThat(s.latestCompleted().id()).isEqualTo(2);
        assertThat(s.latestFailed().id()).isEqualTo(1);
        assertThat(s.latestFailed().failureMessage()).contains("subsumed by checkpoint 2");
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(jobFailures).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.CheckpointFailed).singleElement()
                .satisfies(e -> assertThat(((EngineEvent.CheckpointFailed) e).consecutiveFailures()).isZero());
    }

    /** Snapshot threads may still acknowledge or decline after the job ended; that must not throw at them. */
    @Test
    void acknowledgementsAndDeclinesAfterTheJobEnded_areIgnored() throws Exception {
        start(Duration.ofMillis(10), 1, 0);
        assertThat(tasks.triggered.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
        coordinator.stop(JobStatus.CANCELED);

        assertThatCode(() -> coordinator.acknowledge(ack(1, 0))).doesNotThrowAnyException();
        assertThatCode(() -> coordinator.decline(1, "sink (1/1)", "too late", CheckpointFailureReason.CHECKPOINT_ASYNC_EXCEPTION)).doesNotThrowAnyException();
        assertThat(stats.snapshot().counts().failed()).isEqualTo(1);
        assertThat(stats.snapshot().latestFailed().failureMessage()).startsWith(CheckpointFailureReason.JOB_CANCELLED.description());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
