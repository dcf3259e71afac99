package io.checkpointstudio.app.monitor;

import static io.checkpointstudio.app.monitor.Checkpoints.T0;
import static io.checkpointstudio.app.monitor.Checkpoints.checkpoint;
import static io.checkpointstudio.app.monitor.Checkpoints.subtask;
import static io.checkpointstudio.app.monitor.Checkpoints.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineItemsTest {

    @Test
    void barsRunFromTriggerToLastAckFailureOrNow() {
        var completed = checkpoint(1, CheckpointStatus.COMPLETED, task("a", subtask(0, 300, 10, 0, 10, 250)));
        var failed = checkpoint(2, CheckpointStatus.FAILED, task("a", (SubtaskCheckpointStats) null));
        var running = checkpoint(3, CheckpointStatus.IN_PROGRESS, task("a", (SubtaskCheckpointStats) null));

        TimelineItems items = TimelineItems.of(List.of(running, failed, completed), List.of(), T0 + 2_000);

        assertThat(items.bars()).extracting(TimelineItems.Bar::id).containsExactly(1L, 2L, 3L);
        assertThat(items.bars().get(0).duration()).isEqualTo(300);
        assertThat(items.bars().get(0).phases().async()).isEqualTo(250);
        assertThat(items.bars().get(1).end()).isEqualTo(T0 + 500);
        assertThat(items.bars().get(1).phases()).isNull();
        assertThat(items.bars().get(2).end()).isEqualTo(T0 + 2_000);
    }

    @Test
    void aFailureAndTheRestoreThatFollowedBecomeOneBand() {
        List<EngineEvent> events = List.of(
                new EngineEvent.TaskFailed(T0 + 1_000, "per-user", 0, "boom", ""),
                new EngineEvent.TaskFailed(T0 + 1_005, "out", 1, "cancelled", ""),
                new EngineEvent.JobRestarting(T0 + 1_010, 2, 100, "boom"),
                new EngineEvent.JobRestored(T0 + 1_700, 4, 700, null),
                new EngineEvent.TaskFailed(T0 + 5_000, "per-user", 1, "again", ""));

        List<TimelineItems.RecoveryBand> bands = TimelineItems.of(List.of(), events, T0 + 5_400).recoveries();

        assertThat(bands).hasSize(2);
        TimelineItems.RecoveryBand first = bands.get(0);
        assertThat(first.failedAt()).isEqualTo(T0 + 1_000);
        assertThat(first.restoredAt()).isEqualTo(T0 + 1_700);
        assertThat(first.checkpointId()).isEqualTo(4);
        assertThat(first.failedTask()).isEqualTo("per-user #0");
        assertThat(first.label()).isEqualTo("restored chk 4 in 700 ms");
        TimelineItems.RecoveryBand open = bands.get(1);
        assertThat(open.recovered()).isFalse();
        assertThat(open.restoreMs()).isEqualTo(400);
        assertThat(CheckpointTimeline.recoveryText(open)).contains("per-user #1 failed", "again", "Not recovered yet");
    }

    @Test
    void concurrentCheckpointsGetTheirOwnLanes() {
        var a = new TimelineItems.Bar(1, 0, 100, CheckpointStatus.COMPLETED, false, false, null, null);
        var savepoint = new TimelineItems.Bar(2, 50, 150, CheckpointStatus.COMPLETED, true, false, null, null);
        var b = new TimelineItems.Bar(3, 120, 200, CheckpointStatus.COMPLETED, false, false, null, null);
        assertThat(CheckpointTimeline.assignLanes(List.of(a, savepoint, b))).containsExactly(0, 1, 0);
    }
}
