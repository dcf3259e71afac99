package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointException;
import io.checkpointstudio.engine.operator.keyed.NullKeyException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class RepeatedFailureTest {
    private static final Throwable NO_SPACE = new CheckpointException("Exceeded checkpoint tolerable failure threshold: 1 consecutive "
            + "checkpoint failures, 0 tolerated. Last: Asynchronous part of the checkpoint failed: per-user (1/2): IOException: cannot write "
            + "/mnt/small/chk-7/per-user-0.kg: No space left on device");

    @Test
    void theSameStorageFailureTwice_withNoCheckpointInBetween_isARepeat() {
        RepeatedFailure r = new RepeatedFailure();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 3)).isNull();
        assertThat(r.record(new IOException("wrapped", new IOException("No space left on device")), "per-user (1/2)", 3)).isEqualTo(new RepeatedFailure.Repeat.Storage("No space left on device"));
    }

    @Test
    void aCheckpointCompletingInBetween_startsAgain() {
        RepeatedFailure r = new RepeatedFailure();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 3)).isNull();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 4)).isNull();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 4)).isNotNull();
    }

    @Test
    void anotherKindOrAnotherFailureInBetween_isNoRepeat() {
        RepeatedFailure r = new RepeatedFailure();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 3)).isNull();
        assertThat(r.record(new AccessDeniedException("/mnt/small/chk-8"), "per-user (1/2)", 3)).isNull();
        assertThat(r.record(new AccessDeniedException("/mnt/small/chk-9"), "per-user (1/2)", 3)).isEqualTo(new RepeatedFailure.Repeat.Storage("Permission denied"));
        assertThat(r.record(new IllegalStateException("Kafka at localhost:9092 failed"), "per-user (1/2)", 3)).isNull();
        assertThat(r.record(NO_SPACE, "per-user (1/2)", 3)).isNull();
    }

    @Test
    void failuresThatAreNotTheStorages_areNeverRepeats() {
        RepeatedFailure r = new RepeatedFailure();
        for (int i = 0; i < 5; i++) {
            assertThat(r.record(new IllegalStateException("cannot reach Kafka at bootstrap servers localhost:9092"), "per-user (1/2)", 0)).isNull();
        }
    }

    @Test
    void theSameRecordsFailingTwiceInTheSameTask_withNoCheckpointInBetween_isARepeat() {
        RepeatedFailure r = new RepeatedFailure();
        assertThat(r.record(new NullKeyException("by-user", "name"), "by-user -> count (2/2)", 5)).isNull();
        assertThat(r.record(new RuntimeException("wrapped", new NullKeyException("by-user", "name")), "by-user -> count (2/2)", 5))
                .isInstanceOf(RepeatedFailure.Repeat.Records.class);
    }

    @Test
    void recordFailuresInAnotherTaskOrAfterACheckpoint_areNoRepeat() {
        RepeatedFailure r = new RepeatedFailure();
        assertThat(r.record(new NullKeyException("by-user", "name"), "by-user -> count (1/2)", 5)).isNull();
        assertThat(r.record(new NullKeyException("by-user", "name"), "by-user -> count (2/2)", 5)).isNull();
        assertThat(r.record(new NullKeyException("by-user", "name"), "by-user -> count (2/2)", 6)).isNull();
    }
}
