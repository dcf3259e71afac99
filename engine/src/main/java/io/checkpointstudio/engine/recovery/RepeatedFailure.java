package io.checkpointstudio.engine.recovery;

import io.checkpointstudio.engine.checkpoint.StorageCheck;
import io.checkpointstudio.engine.record.RecordFailure;
import java.util.Objects;

/**
 * Notices a failure that restarting cannot help, because it came back the same way with no checkpoint
 * completing in between: the checkpoint storage failing the same way (out of space, read-only, a path
 * through a file, no permission), or the same records failing in the same task with the same message (a
 * {@link RecordFailure}). Other failures (a broker out of reach, an injected failure) are left to the
 * restart strategy: they may be transient.
 */
public final class RepeatedFailure {
    /** What repeated: the storage's failure kind, or a record failure. */
    public sealed interface Repeat {
        /** The checkpoint storage failed again the same way. */
        record Storage(String kind) implements Repeat {
        }

        /** The same records failed again in the same task. */
        record Records(String where, String message) implements Repeat {
        }
    }

    private Repeat last;
    private long completedThen = -1;

    /**
     * Records a failure of the job in task {@code where}, given how many checkpoints had completed by then;
     * returns what repeated when it repeats the previous failure without progress, else null.
     */
    public Repeat record(Throwable failure, String where, long completedCheckpoints) {
        Repeat now = classify(failure, where);
        boolean again = now != null && now.equals(last) && completedCheckpoints == completedThen;
        last = now;
        completedThen = completedCheckpoints;
        return again ? now : null;
    }

    private static Repeat classify(Throwable failure, String where) {
        String kind = StorageCheck.failureKind(failure);
        if (kind != null) {
            return new Repeat.Storage(kind);
        }
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RecordFailure) {
                return new Repeat.Records(where, Objects.toString(c.getMessage(), c.getClass().getSimpleName()));
            }
        }
        return null;
    }
}
