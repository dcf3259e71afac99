package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.checkpoint.CheckpointMetadata;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.TaskStateHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the retained checkpoints ({@code <checkpoints>/<job-id>/chk-N}) and savepoints
 * ({@code <savepoints>/savepoint-*}, also one level down for named ones) on disk. A folder whose
 * {@code _metadata} is missing or damaged is not a snapshot; it is reported, not listed.
 */
final class SnapshotCatalog {
    private SnapshotCatalog() {
    }

    static List<SnapshotEntry> list(Path checkpoints, Path savepoints, Consumer<String> skipped) throws IOException {
        List<SnapshotEntry> found = new ArrayList<>();
        for (Path jobDir : children(checkpoints)) {
            for (Path chk : CheckpointStorage.checkpointDirs(jobDir)) {
                read(chk, skipped, found);
            }
        }
        if (savepoints != null) {
            for (Path p : children(savepoints)) {
                if (p.getFileName().toString().startsWith("savepoint-")) {
                    read(p, skipped, found);
                } else {
                    for (Path named : children(p)) {
                        if (named.getFileName().toString().startsWith("savepoint-")) {
                            read(named, skipped, found);
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(SnapshotEntry::completedAt).reversed());
        return found;
    }

    private static void read(Path dir, Consumer<String> skipped, List<SnapshotEntry> found) {
        if (!Files.exists(dir.resolve(CheckpointStorage.METADATA))) {
            return; // in progress, or abandoned before completion: never a checkpoint
        }
        try {
            CheckpointMetadata md = CheckpointStorage.readMetadata(dir);
            found.add(new SnapshotEntry(dir, md.savepoint(), md.jobName(), md.jobId(), md.checkpointId(),
                    md.completionTimestamp(), md.stateSize(), layout(md)));
        } catch (IOException e) {
            skipped.accept(dir + ": " + e.getMessage());
        }
    }

    static String layout(CheckpointMetadata md) {
        StringBuilder s = new StringBuilder();
        md.tasks().stream().sorted(Comparator.comparing(TaskStateHandle::name)).forEach(t -> {
            for (String op : t.operatorIds()) {
                s.append(op).append(':').append(t.typeOf(op)).append(':').append(t.signatureOf(op)).append(';');
            }
        });
        s.append(md.maxParallelism());
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).toList();
        }
    }
}
