package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a snapshot folder on a local file system: its own files in the folder, shared files in
 * {@code ../shared/} (a checkpoint's job folder holds both its {@code chk-N} folders and {@code shared/}).
 */
public record LocalSnapshotFileStore(Path snapshotDir) implements SnapshotFileStore {

    public Path path(SnapshotFile file) {
        return switch (file.area()) {
            case SNAPSHOT -> snapshotDir.resolve(file.name());
            case SHARED -> snapshotDir.toAbsolutePath().getParent().resolve(SharedStateRegistry.SHARED).resolve(file.name());
        };
    }

    @Override
    public long size(SnapshotFile file) throws IOException {
        Path p = path(file);
        return Files.isRegularFile(p) ? Files.size(p) : -1;
    }

    @Override
    public InputStream open(SnapshotFile file) throws IOException {
        return Files.newInputStream(path(file));
    }

    @Override
    public String locate(SnapshotFile file) {
        return path(file).toString();
    }

    @Override
    public String location() {
        return snapshotDir.toString();
    }
}
