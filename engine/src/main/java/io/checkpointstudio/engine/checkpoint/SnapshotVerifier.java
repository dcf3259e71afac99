package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Checks, before a restore starts, that every file a snapshot's {@code _metadata} names is there with the
 * recorded length and CRC-32, and names every one that is not. Reading goes through a
 * {@link SnapshotFileStore}, so the same check serves any storage. A verifier remembers the shared files
 * (incremental RocksDB) it has checked, so looking through several checkpoints of one job folder reads each
 * shared file once.
 */
public final class SnapshotVerifier {
    private static final int BUFFER = 1 << 18;

    private final Map<String, Optional<String>> sharedChecked = new HashMap<>();
    private long bytesRead;

    /** Verifies one snapshot; throws {@link DamagedSnapshotException} listing every bad file. */
    public void verify(CheckpointMetadata metadata, SnapshotFileStore store) throws DamagedSnapshotException {
        List<DamagedSnapshotException.Damage> damages = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        for (SnapshotFile f : SnapshotFile.namedBy(metadata)) {
            Optional<String> problem;
            if (f.area() == SnapshotFile.Area.SHARED) {
                String key = store.locate(f) + " " + f.bytes() + " " + f.crc32();
                problem = sharedChecked.get(key);
                if (problem == null) {
                    problem = check(f, store, buffer);
                    sharedChecked.put(key, problem);
                }
            } else {
                problem = check(f, store, buffer);
            }
            problem.ifPresent(p -> damages.add(new DamagedSnapshotException.Damage(store.locate(f), p)));
        }
        if (!damages.isEmpty()) {
            throw new DamagedSnapshotException(store.location(), damages);
        }
    }

    /** Bytes read to compute checksums so far. */
    public long bytesRead() {
        return bytesRead;
    }

    private Optional<String> check(SnapshotFile f, SnapshotFileStore store, byte[] buffer) {
        if (!f.plainName()) {
            return Optional.of("is named in a way that points outside the snapshot; the metadata is not trustworthy");
        }
        try {
            long size = store.size(f);
            if (size < 0) {
                return Optional.of("is missing");
            }
            if (size != f.bytes()) {
                return Optional.of("has " + size + " bytes but the checkpoint recorded " + f.bytes() + ": it is truncated or damaged");
            }
            if (f.crc32() == null) {
                return Optional.empty(); // written before this kind of file had a checksum: its length is all there is
            }
            CRC32 crc = new CRC32();
            long read = 0;
            try (InputStream in = store.open(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    crc.update(buffer, 0, n);
                    read += n;
                }
            }
            bytesRead += read;
            if (read != f.bytes()) {
                return Optional.of("changed while it was being checked (" + read + " bytes read, " + f.bytes() + " recorded)");
            }
            if (crc.getValue() != f.crc32()) {
                return Optional.of("is damaged: its checksum does not match the checkpoint's record");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }
}
