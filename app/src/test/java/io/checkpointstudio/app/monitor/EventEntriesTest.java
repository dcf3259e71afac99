package io.checkpointstudio.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.monitor.EventEntry.Kind;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import org.junit.jupiter.api.Test;

class EventEntriesTest {

    @Test
    void aFailureKeepsItsFirstLineInTheLogAndItsStackTraceInTheDetails() {
        EventEntry e = EventEntries.describe(new EngineEvent.TaskFailed(1, "sum", 1, "IOException: disk full\nmore", "trace\n\tat x")).orElseThrow();
        assertThat(e.kind()).isEqualTo(Kind.FAILURE);
        assertThat(e.text()).isEqualTo("sum (subtask 1) failed: IOException: disk full …");
        assertThat(e.details()).isEqualTo("trace\n\tat x");
    }

    @Test
    void recoveryNamesTheDelayTheCauseAndTheRestoredCheckpoint() {
        assertThat(EventEntries.describe(new EngineEvent.JobRestarting(1, 2, 100, "boom")).orElseThrow().text())
                .isEqualTo("Restarting in 100 ms (attempt 2), cause: boom");
        assertThat(EventEntries.describe(new EngineEvent.JobRestored(1, 5, 230, "/c/chk-5")).orElseThrow().text())
                .isEqualTo("Restored checkpoint 5, first record 230 ms after the failure");
        assertThat(EventEntries.describe(new EngineEvent.JobRestored(1, 0, 230, null)).orElseThrow().text())
                .startsWith("Restarted from scratch");
    }

    @Test
    void perSubtaskAcknowledgementsAndOrdinaryTriggersStayOutOfTheLog() {
        assertThat(EventEntries.describe(new EngineEvent.CheckpointAcknowledged(1, 3, "t", 0, 1, 1, 0, 0, 10, false))).isEmpty();
        assertThat(EventEntries.describe(new EngineEvent.CheckpointTriggered(1, 3, false, false))).isEmpty();
        assertThat(EventEntries.describe(new EngineEvent.CheckpointTriggered(1, 3, true, false)).orElseThrow().kind()).isEqualTo(Kind.SAVEPOINT);
    }

    @Test
    void aFailedCheckpointIsBothAFailureAndACheckpoint_aStatusChangeNeither() {
        EventEntry failed = EventEntries.describe(new EngineEvent.CheckpointFailed(1, 4, "injected", 1, 0)).orElseThrow();
        EventEntry status = EventEntries.describe(new EngineEvent.JobStatusChanged(1, JobStatus.RUNNING, "")).orElseThrow();
        EventEntry completed = EventEntries.describe(new EngineEvent.CheckpointCompleted(1, 4, 12, 2048, 4096, "/c/chk-4", false)).orElseThrow();
        assertThat(failed.text()).isEqualTo("Checkpoint 4 failed: injected (1 in a row, 0 tolerated)");
        assertThat(completed.text()).isEqualTo("Checkpoint 4 completed in 12 ms (2.0 KB written, state 4.0 KB)");
        assertThat((java.util.function.Predicate<EventEntry>) EventFilter.FAILURES_AND_RECOVERY).accepts(failed).rejects(status, completed);
        assertThat((java.util.function.Predicate<EventEntry>) EventFilter.CHECKPOINTS).accepts(failed, completed).rejects(status);
        assertThat((java.util.function.Predicate<EventEntry>) EventFilter.ALL).accepts(failed, status, completed);
    }
}
