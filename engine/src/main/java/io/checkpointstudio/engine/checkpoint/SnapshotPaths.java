package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Turns what a user gives to {@code --from} into a snapshot folder: a {@code chk-N} folder or a savepoint
 * (a folder with {@code _metadata}), or a job folder, for which the newest checkpoint whose metadata
 * verifies is taken (bad ones are reported and skipped).
 */
public final class SnapshotPaths {
    private SnapshotPaths() {
    }

    public static Path resolve(Path given, Consumer<String> warnings) throws IOException {
        if (!Files.exists(given)) {
            throw new IOException(given + " does not exist; give a chk-N folder, a savepoint folder or a job's checkpoint folder");
        }
        if (!Files.isDirectory(given)) {
            if (given.getFileName().toString().equals(CheckpointStorage.METADATA)) {
                return resolve(given.toAbsolutePath().getParent(), warnings);
            }
            throw new IOException(given + " is a file; give the folder that holds _metadata, or a job's checkpoint folder");
        }
        if (CheckpointStorage.isSnapshot(given)) {
            CheckpointStorage.readMetadata(given);
            return given;
        }
        var latest = CheckpointStorage.latestValid(given, warnings);
        if (latest.isPresent()) {
            return latest.get();
        }
        if (CheckpointStorage.checkpointDirs(given).isEmpty()) {
            throw new IOException(given + " holds no checkpoint (no chk-N folder and no _metadata)");
        }
        throw new IOException("no checkpoint in " + given + " has valid metadata; every chk-N folder is incomplete or damaged");
    }
}
