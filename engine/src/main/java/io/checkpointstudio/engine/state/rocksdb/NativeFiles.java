package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.checkpoint.SharedStateRegistry;
import io.checkpointstudio.engine.state.KeyGroupReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            throw new IOException("state file " + file + " is missing");
        }
        long size = Files.size(file);
        if (size != bytes) {
            throw new IOException("state file " + file + " has " + size + " bytes but the checkpoint recorded " + bytes
                    + ": it is truncated or damaged");
        }
        return file;
    }

    /**
     * Converts key groups {@code from..to} of a native snapshot into canonical sections (int count, then
     * (long key, long value) pairs) for {@code reader}: the path for restores at another parallelism and
     * into the heap backend.
     */
    public static void readKeyGroups(Path checkpointDir, IncrementalStateHandle handle, int from, int to, KeyGroupReader reader) throws IOException {
        Path tmp = Files.createTempDirectory("checkpoint-studio-native-restore-");
        try {
            materialize(checkpointDir, handle, tmp);
            try (Options options = new Options();
                 RocksDB db = RocksDB.openReadOnly(options, tmp.toString());
                 ReadOptions ro = new ReadOptions().setFillCache(false).setReadaheadSize(1 << 20);
                 RocksIterator it = db.newIterator(ro)) {
                readRange(it, from, to, reader);
            } catch (RocksDBException e) {
                throw new IOException("cannot open the RocksDB snapshot of " + checkpointDir + ": " + e.getMessage(), e);
            }
        } finally {
            CheckpointStorage.deleteRecursively(tmp);
        }
    }

    /** Reads key groups {@code from..to} from an iterator (over a live snapshot or a read-only DB) as canonical sections. */
    static void readRange(RocksIterator it, int from, int to, KeyGroupReader reader) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        it.seek(RocksKeys.prefix(from));
        int group = -1;
        int count = 0;
        DataOutputStream out = new DataOutputStream(buffer);
        while (true) {
            boolean valid = it.isValid();
            int g = valid ? RocksKeys.keyGroup(it.key()) : Integer.MAX_VALUE;
            if (g != group) {
                if (count > 0) {
                    emit(group, count, buffer, reader);
                }
                buffer.reset();
                count = 0;
                group = g;
            }
            if (!valid || g > to) {
                break;
            }
            byte[] k = it.key();
            byte[] v = it.value();
            out.writeLong(RocksKeys.longAt(k, 2));
            out.writeLong(RocksKeys.longAt(v, 0));
            count++;
            it.next();
        }
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("reading RocksDB state failed: " + e.getMessage(), e);
        }
    }

    private static void emit(int group, int count, ByteArrayOutputStream entries, KeyGroupReader reader) throws IOException {
        byte[] body = entries.toByteArray();
        byte[] section = new byte[4 + body.length];
        section[0] = (byte) (count >>> 24);
        section[1] = (byte) (count >>> 16);
        section[2] = (byte) (count >>> 8);
        section[3] = (byte) count;
        System.arraycopy(body, 0, section, 4, body.length);
        reader.read(group, new DataInputStream(new ByteArrayInputStream(section)));
    }
}
