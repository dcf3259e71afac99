package io.checkpointstudio.engine.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file a checkpoint or savepoint names, as its {@code _metadata} records it: where it lives, its length,
 * and its CRC-32 (null in metadata written before every kind of file carried one; then only the length
 * can be checked). {@code name} is relative to its area and is a plain file name.
 */
public record SnapshotFile(Area area, String name, long bytes, Long crc32) {

    /** The snapshot's own folder, or the job's {@code shared/} folder (incremental RocksDB files). */
    public enum Area { SNAPSHOT, SHARED }

    /** Every file {@code metadata} names, each once: keyed state, native RocksDB files (private and shared), in-flight data. */
    public static List<SnapshotFile> namedBy(CheckpointMetadata metadata) {
        Map<String, SnapshotFile> files = new LinkedHashMap<>();
        for (TaskStateHandle t : metadata.tasks()) {
            for (SubtaskStateHandle s : t.subtasks()) {
                if (s == null) {
                    continue;
                }
                for (OperatorStateHandle o : s.operators()) {
                    KeyedStateHandle k = o.keyed();
                    if (k != null) {
                        add(files, new SnapshotFile(Area.SNAPSHOT, k.file(), k.bytes(), k.crc32()));
                    }
                    IncrementalStateHandle n = o.incremental();
                    if (n != null) {
                        for (IncrementalStateHandle.SharedFile f : n.sharedFiles()) {
                            add(files, new SnapshotFile(Area.SHARED, f.file(), f.bytes(), f.crc32()));
                        }
                        for (IncrementalStateHandle.PrivateFile f : n.privateFiles()) {
                            add(files, new SnapshotFile(Area.SNAPSHOT, f.file(), f.bytes(), f.crc32()));
                        }
                    }
                }
                InFlightHandle in = s.inFlight();
                if (in != null) {
                    add(files, new SnapshotFile(Area.SNAPSHOT, in.file(), in.bytes(), in.crc32()));
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    private static void add(Map<String, SnapshotFile> files, SnapshotFile f) {
        files.putIfAbsent(f.area() + "/" + f.name(), f);
    }

    /** Whether the name stays inside its area (metadata could otherwise point a restore at any file). */
    public boolean plainName() {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0;
    }
}
