package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.checkpoint.KeyedStateFileWriter;
import io.checkpointstudio.engine.checkpoint.KeyedStateHandle;
import io.checkpointstudio.engine.state.rocksdb.NativeFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a keyed-state snapshot to files as a checkpoint would, and reads it back for any key-group range. */
record StateSnapshots(Path checkpointDir, KeyedStateHandle canonical, IncrementalStateHandle incremental) {

    /** Writes what {@code snapshot} captured; {@code jobDir/chk-<id>} is the checkpoint folder, {@code jobDir/shared} the shared one. */
    static StateSnapshots write(OperatorSnapshot snapshot, Path jobDir, long checkpointId, int firstKeyGroup, int lastKeyGroup) throws IOException {
        Path chk = Files.createDirectories(jobDir.resolve("chk-" + checkpointId));
        if (snapshot.keyed() != null) {
            KeyedStateFileWriter w = new KeyedStateFileWriter(chk.resolve("op-0.kg"), firstKeyGroup, lastKeyGroup);
            snapshot.keyed().write(w);
            return new StateSnapshots(chk, w.finish(), null);
        }
        return new StateSnapshots(chk, null, snapshot.nativeKeyed().write(chk, jobDir.resolve("shared"), "op-0"));
    }

    /** The state of key groups {@code first..last}, as a restoring subtask gets it. */
    StateRestore restore(int first, int last) {
        return new StateRestore() {
            @Override
            public List<byte[]> listState() {
                return List.of();
            }

            @Override
            public void readKeyGroups(KeyGroupReader reader) throws IOException {
                if (incremental != null) {
                    NativeFiles.readKeyGroups(checkpointDir, incremental, Math.max(first, incremental.firstKeyGroup()),
                            Math.min(last, incremental.lastKeyGroup()), reader);
                    return;
                }
                for (int g = Math.max(first, canonical.firstKeyGroup()); g <= Math.min(last, canonical.lastKeyGroup()); g++) {
                    long offset = canonical.offsets()[g - canonical.firstKeyGroup()];
                    if (offset < 0) {
                        continue;
                    }
                    try (InputStream raw = Files.newInputStream(checkpointDir.resolve(canonical.file()))) {
                        raw.skipNBytes(offset);
                        reader.read(g, new DataInputStream(new BufferedInputStream(raw)));
                    }
                }
            }

            @Override
            public long checkpointId() {
                return 1;
            }

            @Override
            public NativeState nativeState() {
                return incremental != null && incremental.firstKeyGroup() == first && incremental.lastKeyGroup() == last
                        ? new NativeState(checkpointDir, incremental) : null;
            }
        };
    }
}
