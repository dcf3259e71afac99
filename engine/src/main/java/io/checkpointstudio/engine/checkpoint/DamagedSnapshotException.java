package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.util.List;

/**
 * A checkpoint or savepoint whose files do not match what its {@code _metadata} records: missing,
 * truncated, or with another checksum. Restoring from it cannot work, however often it is tried.
 */
public final class DamagedSnapshotException extends IOException {
    private final String snapshot;
    private final List<Damage> damages;

    /** One bad file: where it is and what is wrong with it ("is missing", "is damaged: ..."). */
    public record Damage(String file, String problem) {
        @Override
        public String toString() {
            return "state file " + file + " " + problem;
        }
    }

    public DamagedSnapshotException(String snapshot, List<Damage> damages) {
        this(snapshot, damages, message(snapshot, damages));
    }

    /** The same damage told with more context (what was being restored, what to do). */
    public DamagedSnapshotException(String snapshot, List<Damage> damages, String message) {
        super(message);
        this.snapshot = snapshot;
        this.damages = List.copyOf(damages);
    }

    private static String message(String snapshot, List<Damage> damages) {
        if (damages.size() == 1) {
            return damages.get(0).toString();
        }
        StringBuilder m = new StringBuilder(damages.size() + " state files of " + snapshot + " are damaged: ");
        for (int i = 0; i < damages.size(); i++) {
            m.append(i == 0 ? "" : "; ").append(damages.get(i));
        }
        return m.toString();
    }

    /** The snapshot's folder (or URI). */
    public String snapshot() {
        return snapshot;
    }

    public List<Damage> damages() {
        return damages;
    }

    /** The first damaged-snapshot exception in {@code t}'s chain of causes, or null. */
    public static DamagedSnapshotException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DamagedSnapshotException d) {
                return d;
            }
        }
        return null;
    }
}
