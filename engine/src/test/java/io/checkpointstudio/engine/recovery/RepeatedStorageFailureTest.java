package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class RepeatedStorageFailureTest {
    private static final Throwable NO_SPACE = new CheckpointException("Exceeded checkpoint tolerable failure threshold: 1 consecutive "
            + "checkpoint failures, 0 tolerated. Last: Asynchronous part of the checkpoint failed: per-user (1/2): IOException: cannot write "
            + "/mnt/small/chk-7/per-user-0.kg: No space left on device");

    @Test
    void theSameStorageFailureTwice_withNoCheckpointInBetween_isARepeat() {
        RepeatedStorageFailure r = new RepeatedStorageFailure();
        assertThat(r.record(NO_SPACE, 3)).isNull();
        assertThat(r.record(new IOException("wrapped", new IOException("No space left on device")), 3)).isEqualTo("No space left on device");
    }

    @Test
    void aCheckpointCompletingInBetween_startsAgain() {
        RepeatedStorageFailure r = new RepeatedStorageFailure();
        assertThat(r.record(NO_SPACE, 3)).isNull();
        assertThat(r.record(NO_SPACE, 4)).isNull();
        assertThat(r.record(NO_SPACE, 4)).isNotNull();
    }

    @Test
    void anotherKindOrAnotherFailureInBetween_isNoRepeat() {
        RepeatedStorageFailure r = new RepeatedStorageFailure();
        assertThat(r.record(NO_SPACE, 3)).isNull();
        assertThat(r.record(new AccessDeniedException("/mnt/small/chk-8"), 3)).isNull();
        assertThat(r.record(new AccessDeniedException("/mnt/small/chk-9"), 3)).isEqualTo("Permission denied");
        assertThat(r.record(new IllegalStateException("Kafka at localhost:9092 failed"), 3)).isNull();
        assertThat(r.record(NO_SPACE, 3)).isNull();
    }

    @Test
    void failuresThatAreNotTheStorages_areNeverRepeats() {
        RepeatedStorageFailure r = new RepeatedStorageFailure();
        for (int i = 0; i < 5; i++) {
            assertThat(r.record(new IllegalStateException("cannot reach Kafka at bootstrap servers localhost:9092"), 0)).isNull();
        }
    }
}
