package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns what a user gives to {@code --from} into a verified snapshot: a {@code chk-N} folder or a savepoint
 * (a folder with {@code _metadata}) is taken as it is, and refused with the bad file named when its
 * metadata or any file it names is damaged; for a job folder the newest checkpoint whose metadata and files
 * all verify is taken, and each newer one is reported (with its bad files) and skipped.
 */
public final class SnapshotPaths {
    private SnapshotPaths() {
    }

    /** The snapshot folder {@code given} stands for; see {@link #open}. */
    public static Path resolve(Path given, Consumer<String> warnings) throws IOException {
        return open(given, warnings).dir();
    }

    /** Opens (and so verifies) the snapshot {@code given} stands for; skipped checkpoints of a job folder go to {@code warnings}. */
    public static SnapshotRestore open(Path given, Consumer<String> warnings) throws IOException {
        if (!Files.exists(given)) {
            throw new IOException(given + " does not exist; give a chk-N folder, a savepoint folder or a job's checkpoint folder");
        }
        if (!Files.isDirectory(given)) {
            if (given.getFileName().toString().equals(CheckpointStorage.METADATA)) {
                return open(given.toAbsolutePath().getParent(), warnings);
            }
            throw new IOException(given + " is a file; give the folder that holds _metadata, or a job's checkpoint folder");
        }
        if (CheckpointStorage.isSnapshot(given)) {
            return SnapshotRestore.open(given);
        }
        List<Path> candidates = CheckpointStorage.checkpointDirs(given);
        if (candidates.isEmpty()) {
            throw new IOException(given + " holds no checkpoint (no chk-N folder and no _metadata)");
        }
        SnapshotVerifier verifier = new SnapshotVerifier(); // checkpoints of one job share files: each is read once
        for (Path dir : candidates) {
            try {
                return SnapshotRestore.open(dir, verifier);
            } catch (IOException e) {
                warnings.accept("skipping " + dir.getFileName() + ": " + e.getMessage());
            }
        }
        throw new IOException("no checkpoint in " + given + " can be restored: every chk-N folder is incomplete or damaged"
                + " (the warnings name each one and its bad files); restore from a savepoint, or start the job without --from");
    }
}
