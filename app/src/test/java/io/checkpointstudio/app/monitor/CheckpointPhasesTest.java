package io.checkpointstudio.app.monitor;

import static io.checkpointstudio.app.monitor.Checkpoints.checkpoint;
import static io.checkpointstudio.app.monitor.Checkpoints.subtask;
import static io.checkpointstudio.app.monitor.Checkpoints.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import org.junit.jupiter.api.Test;

class CheckpointPhasesTest {

    @Test
    void theSlowestSubtaskIsTheOneThatAcknowledgedLast_andItsPhasesAreTheCheckpoints() {
        CheckpointStats c = checkpoint(7, CheckpointStatus.COMPLETED,
                task("source", subtask(0, 120, 5, 0, 10, 100), subtask(1, 90, 5, 0, 5, 70)),
                task("per-user", subtask(0, 300, 40, 20, 20, 200), subtask(1, 840, 60, 30, 40, 700)));

        CheckpointPhases.Slowest slowest = CheckpointPhases.slowest(c).orElseThrow();
        assertThat(slowest.label()).isEqualTo("per-user #1");
        CheckpointPhases p = CheckpointPhases.of(c).orElseThrow();
        assertThat(p).isEqualTo(new CheckpointPhases(60, 30, 40, 700, 840));
        assertThat(p.other()).isEqualTo(10);
        assertThat(p.dominant()).isEqualTo(CheckpointPhases.Phase.ASYNC);
        assertThat(p.fractions()).containsExactly(new double[] {60 / 840.0, 30 / 840.0, 40 / 840.0, 700 / 840.0}, within(1e-9));
        assertThat(CheckpointText.headline(c)).isEqualTo("Slowest: per-user #1 — 840 ms, of which async 700 ms");
    }

    @Test
    void phasesLongerThanTheEndToEndDurationAreScaledToFillTheBar() {
        CheckpointPhases p = new CheckpointPhases(10, 0, 5, 10, 20);
        double[] f = p.fractions();
        assertThat(f[0] + f[1] + f[2] + f[3]).isCloseTo(1.0, within(1e-9));
        assertThat(p.other()).isZero();
    }

    @Test
    void anInProgressCheckpointWithoutAcknowledgementsHasNoPhases_andNamesWhoIsPending() {
        CheckpointStats c = checkpoint(8, CheckpointStatus.IN_PROGRESS, task("per-user", null, subtask(1, 50, 1, 0, 1, 40)),
                task("out", null, null));
        assertThat(CheckpointPhases.slowest(c).orElseThrow().label()).isEqualTo("per-user #1");
        assertThat(CheckpointText.pending(c)).isEqualTo("per-user #0, out #0, out #1");

        CheckpointStats none = checkpoint(9, CheckpointStatus.IN_PROGRESS, task("out", null, null));
        assertThat(CheckpointPhases.of(none)).isEmpty();
        assertThat(CheckpointText.headline(none)).isEqualTo("No subtask has acknowledged yet");
    }
}
