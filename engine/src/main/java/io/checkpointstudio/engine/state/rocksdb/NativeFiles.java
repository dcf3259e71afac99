package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.DamagedSnapshotException;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.checkpoint.SharedStateRegistry;
import io.checkpointstudio.engine.state.ByteWriter;
import io.checkpointstudio.engine.state.KeyGroupReader;
import io.checkpointstudio.engine.state.StateBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** Native (incremental) RocksDB snapshots on the restore side: checks and copies their files, reads them by key group. */
public final class NativeFiles {
    static {
        RocksDB.loadLibrary();
    }

    private NativeFiles() {
    }

    /**
     * Puts the snapshot's files into {@code target} (an empty folder) so RocksDB can open it: SST files are
     * hard-linked where possible (RocksDB never changes them), the others copied. Every file is checked
     * against the size the checkpoint recorded; a missing or truncated one is an error naming it.
     */
    public static void materialize(Path checkpointDir, IncrementalStateHandle handle, Path target) throws IOException {
        Files.createDirectories(target);
        Path shared = checkpointDir.toAbsolutePath().getParent().resolve(SharedStateRegistry.SHARED);
        for (IncrementalStateHandle.SharedFile f : handle.sharedFiles()) {
            Path src = check(shared.resolve(f.file()), f.bytes());
            Path dst = target.resolve(f.localName());
            try {
                Files.createLink(dst, src);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (IncrementalStateHandle.PrivateFile f : handle.privateFiles()) {
            Files.copy(check(checkpointDir.resolve(f.file()), f.bytes()), target.resolve(f.localName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path check(Path file, long bytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw damaged(file, "is missing");
        }
        long size = Files.size(file);
        if (size != bytes) {
            throw damaged(file, "has " + size + " bytes but the checkpoint recorded " + bytes + ": it is truncated or damaged");
        }
        return file;
    }

    private static DamagedSnapshotException damaged(Path file, String problem) {
        return new DamagedSnapshotException(file.toAbsolutePath().getParent().toString(),
                List.of(new DamagedSnapshotException.Damage(file.toString(), problem)));
    }

    /**
     * Converts key groups {@code from..to} of a native snapshot into canonical sections for {@code reader}:
     * the path for restores at another parallelism and into the heap backend.
     */
    public static void readKeyGroups(Path checkpointDir, IncrementalStateHandle handle, int from, int to, KeyGroupReader reader) throws IOException {
        Path tmp = Files.createTempDirectory("checkpoint-studio-native-restore-");
        try {
            materialize(checkpointDir, handle, tmp);
            try (Options options = new Options();
                 RocksDB db = RocksDB.openReadOnly(options, tmp.toString());
                 ReadOptions ro = new ReadOptions().setFillCache(false).setReadaheadSize(1 << 20);
                 RocksIterator it = db.newIterator(ro)) {
                readRange(it, from, to, StateNames.read(db), reader);
            } catch (RocksDBException e) {
                throw new IOException("cannot open the RocksDB snapshot of " + checkpointDir + ": " + e.getMessage(), e);
            }
        } finally {
            CheckpointStorage.deleteRecursively(tmp);
        }
    }

    /**
     * Reads key groups {@code from..to} from an iterator (over a live snapshot or a read-only DB) as canonical
     * sections: within a key group the entries are ordered by state id, so each state's entries are one run
     * that becomes one block.
     */
    static void readRange(RocksIterator it, int from, int to, StateNames names, KeyGroupReader reader) throws IOException {
        it.seek(RocksKeys.groupPrefix(from));
        List<StateBlock> blocks = new ArrayList<>();
        ByteWriter entries = new ByteWriter(1 << 16);
        int group = -1;
        int state = -1;
        int count = 0;
        while (true) {
            boolean valid = it.isValid();
            byte[] k = valid ? it.key() : null;
            int g = valid ? RocksKeys.keyGroup(k) : Integer.MAX_VALUE;
            int id = valid ? RocksKeys.stateId(k) : -1;
            if ((g != group || id != state) && count > 0) {
                StateNames.Name name = names.byId().get(state);
                if (name == null) {
                    throw new IOException("RocksDB state has entries of an unknown state id " + state);
                }
                blocks.add(new StateBlock(name.name(), name.signature(), count, entries.toByteArray(), entries.size()));
                entries.reset();
                count = 0;
            }
            if (g != group) {
                if (!blocks.isEmpty()) {
                    emit(group, blocks, reader);
                    blocks.clear();
                }
                group = g;
            }
            state = id;
            if (!valid || g > to) {
                break;
            }
            byte[] v = it.value();
            entries.write(k, RocksKeys.PREFIX_BYTES, k.length - RocksKeys.PREFIX_BYTES);
            entries.write(v, 0, v.length);
            count++;
            it.next();
        }
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("reading RocksDB state failed: " + e.getMessage(), e);
        }
    }

    private static void emit(int group, List<StateBlock> blocks, KeyGroupReader reader) throws IOException {
        ByteArrayOutputStream section = new ByteArrayOutputStream(1 << 12);
        try (DataOutputStream out = new DataOutputStream(section)) {
            StateBlock.writeSection(out, blocks);
        }
        reader.read(group, new DataInputStream(new ByteArrayInputStream(section.toByteArray())));
    }
}
