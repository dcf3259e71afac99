package io.checkpointstudio.app.session;

import java.nio.file.Path;

/**
 * A retained checkpoint or a savepoint on disk, as the snapshot list shows it.
 *
 * @param layout a short fingerprint of the operators and state types the snapshot holds: two snapshots
 *               with the same layout came from the same version of the job's state
 */
public record SnapshotEntry(Path path, boolean savepoint, String jobName, String jobId, long checkpointId,
                            long completedAt, long sizeBytes, String layout) {

    public String kind() {
        return savepoint ? "Savepoint" : "Checkpoint";
    }
}
