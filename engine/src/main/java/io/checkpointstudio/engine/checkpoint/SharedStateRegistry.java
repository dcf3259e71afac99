package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files of {@code <job>/shared/} (incremental RocksDB checkpoints) and which retained checkpoints use
 * them. The registry is rebuilt from the retained checkpoints' metadata every time it is asked, so it is
 * the same after a restart; a shared file that no retained checkpoint references is deleted, but only
 * while no checkpoint is in progress (one in progress may be uploading or referencing files it has not
 * acknowledged yet).
 */
public final class SharedStateRegistry {
    public static final String SHARED = "shared";

    private final Path sharedDir;

    public SharedStateRegistry(Path jobDir) {
        this.sharedDir = jobDir.resolve(SHARED);
    }

    public Path sharedDir() {
        return sharedDir;
    }

    /** Names (inside {@code shared/}) of every shared file the checkpoint references. */
    public static Set<String> referencedBy(CheckpointMetadata md) {
        Set<String> names = new HashSet<>();
        for (TaskStateHandle t : md.tasks()) {
            for (SubtaskStateHandle s : t.subtasks()) {
                if (s == null) {
                    continue;
                }
                for (OperatorStateHandle o : s.operators()) {
                    if (o.incremental() != null) {
                        for (IncrementalStateHandle.SharedFile f : o.incremental().sharedFiles()) {
                            names.add(f.file());
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * Deletes every shared file that none of {@code retained} references; does nothing while {@code pending}
     * checkpoints are in progress. Returns the names deleted.
     */
    public List<String> deleteUnused(Collection<CheckpointMetadata> retained, boolean pending, Consumer<String> problems) {
        if (pending || !Files.isDirectory(sharedDir)) {
            return List.of();
        }
        Set<String> used = new HashSet<>();
        for (CheckpointMetadata md : retained) {
            used.addAll(referencedBy(md));
        }
        List<String> deleted = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(sharedDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!used.contains(name)) {
                    try {
                        Files.deleteIfExists(f);
                        deleted.add(name);
                    } catch (IOException e) {
                        problems.accept("could not delete unused shared state file " + f + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            problems.accept("could not list " + sharedDir + ": " + e.getMessage());
        }
        return deleted;
    }

    /** Deletes the whole shared folder (every retained checkpoint was discarded). */
    public void deleteAll() throws IOException {
        CheckpointStorage.deleteRecursively(sharedDir);
    }
}
