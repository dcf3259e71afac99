package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedLongStore;
import io.checkpointstudio.engine.state.LongLongHashMap;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Keyed long state in one RocksDB instance per operator subtask, in a local working folder that is
 * deleted on close. Keys are {@code key group (2 bytes) + key (8 bytes)}, values 8 bytes.
 *
 * <p>Writes go to a write-back cache of dirty entries (a {@link LongLongHashMap}); reads look there first.
 * The cache is flushed into RocksDB with one {@link WriteBatch} when it grows large and always in the
 * synchronous part of a checkpoint, so every snapshot sees exactly the state as of its barrier:
 * <ul>
 *   <li>full (and every savepoint): a RocksDB snapshot is taken synchronously; the asynchronous part
 *       iterates it key group by key group into the canonical format;</li>
 *   <li>incremental: the memtable is flushed and a RocksDB checkpoint (hard links) is made synchronously;
 *       the asynchronous part uploads the SST files not uploaded before into {@code <job>/shared/},
 *       references the others, and copies MANIFEST, CURRENT and OPTIONS into the checkpoint's folder.</li>
 * </ul>
 * Only files of a checkpoint that completed (and was notified) are referenced by later ones.
 */
public final class RocksLongStore implements KeyedLongStore {
    static {
        RocksDB.loadLibrary();
    }

    private static final int FLUSH_AT = 1 << 18;
    /** At most this many clean entries are cached on the heap; beyond it the cache starts over. */
    private static final int CLEAN_CACHE_MAX = Integer.getInteger("checkpointstudio.rocksdb.cache-entries", 1 << 20);

    private final KeyedBackendSpec spec;
    private final Path dbDir;
    private final Options options;
    private final LRUCache cache;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final FlushOptions flushOptions;
    private RocksDB db;
    private LongLongHashMap dirty = new LongLongHashMap(1 << 16);
    /** Entries as they are in RocksDB (a read cache); never holds a key that is dirty with another value. */
    private LongLongHashMap clean = new LongLongHashMap(1 << 16);
    private final byte[] keyBuffer = new byte[RocksKeys.KEY_BYTES];
    private final byte[] valueBuffer = new byte[8];
    private long memoKey;
    private long memoValue;
    private boolean memoFound;
    private boolean memoValid;

    /** Local SST name to its uploaded copy, for the last checkpoint that completed. */
    private Map<String, IncrementalStateHandle.SharedFile> confirmed = new HashMap<>();
    /** The same per checkpoint whose upload finished but whose completion was not notified yet. */
    private final Map<Long, Map<String, IncrementalStateHandle.SharedFile>> uploaded = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final List<Snapshot> openSnapshots = new ArrayList<>();
    private int running;
    private boolean closed;

    private RocksLongStore(KeyedBackendSpec spec) {
        this.spec = spec;
        this.dbDir = spec.workingDir().resolve("db");
        this.cache = new LRUCache(64L << 20);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(new BloomFilter(10, false))
                .setCacheIndexAndFilterBlocks(false);
        this.options = new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(64L << 20)
                .setMaxBackgroundJobs(2)
                .setMaxOpenFiles(-1)
                .setLevel0FileNumCompactionTrigger(8)
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.1);
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        this.readOptions = new ReadOptions();
        this.flushOptions = new FlushOptions().setWaitForFlush(true);
    }

    /** Creates the working folder and opens the DB, restoring natively (same key groups) or canonically. */
    public static RocksLongStore open(KeyedBackendSpec spec, StateRestore restore) throws IOException {
        RocksLongStore s = new RocksLongStore(spec);
        try {
            CheckpointStorage.deleteRecursively(spec.workingDir());
            Files.createDirectories(spec.workingDir());
            StateRestore.NativeState nat = restore == null ? null : restore.nativeState();
            if (nat != null) {
                NativeFiles.materialize(nat.checkpointDir(), nat.handle(), s.dbDir);
                Path jobDir = nat.checkpointDir().toAbsolutePath().getParent();
                if (spec.checkpointJobDir() != null && jobDir.equals(spec.checkpointJobDir().toAbsolutePath())) {
                    // the same job folder: later checkpoints go on referencing these files
                    for (IncrementalStateHandle.SharedFile f : nat.handle().sharedFiles()) {
                        s.confirmed.put(f.localName(), f);
                    }
                }
            }
            s.db = RocksDB.open(s.options, s.dbDir.toString());
            if (restore != null && nat == null) {
                s.restoreCanonical(restore);
                s.flush();
            }
            return s;
        } catch (RocksDBException e) {
            s.close();
            throw new IOException("cannot open RocksDB in " + s.dbDir + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private byte[] key(long key) {
        RocksKeys.encode(KeyGroups.keyGroupOf(key, spec.maxParallelism()), key, keyBuffer);
        return keyBuffer;
    }

    /** Looks a key up in RocksDB (past the dirty cache), remembering the last answer for get-after-contains. */
    private boolean lookup(long key) {
        if (memoValid && memoKey == key) {
            return memoFound;
        }
        if (clean.containsKey(key)) {
            memoKey = key;
            memoValid = true;
            memoFound = true;
            memoValue = clean.get(key, 0);
            return true;
        }
        int n;
        try {
            n = db.get(readOptions, key(key), valueBuffer);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB read failed in " + dbDir + ": " + e.getMessage(), e);
        }
        memoKey = key;
        memoValid = true;
        memoFound = n != RocksDB.NOT_FOUND;
        memoValue = memoFound ? RocksKeys.longAt(valueBuffer, 0) : 0;
        if (memoFound) {
            cacheClean(key, memoValue);
        }
        return memoFound;
    }

    @Override
    public boolean containsKey(long key) {
        return dirty.containsKey(key) || lookup(key);
    }

    @Override
    public long get(long key, long absent) {
        if (dirty.containsKey(key)) {
            return dirty.get(key, absent);
        }
        return lookup(key) ? memoValue : absent;
    }

    @Override
    public void put(long key, long value) {
        dirty.put(key, value);
        if (dirty.size() >= FLUSH_AT) {
            flush();
        }
    }

    @Override
    public long addTo(long key, long delta) {
        long v;
        if (dirty.containsKey(key)) {
            v = dirty.addTo(key, delta);
        } else {
            v = (lookup(key) ? memoValue : 0) + delta;
            dirty.put(key, v);
        }
        if (dirty.size() >= FLUSH_AT) {
            flush();
        }
        return v;
    }

    @Override
    public long size() {
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys") + dirty.size();
        } catch (RocksDBException e) {
            return dirty.size();
        }
    }

    private void cacheClean(long key, long value) {
        if (clean.size() >= CLEAN_CACHE_MAX) {
            clean = new LongLongHashMap(1 << 16);
        }
        clean.put(key, value);
    }

    /**
     * Writes the dirty cache into RocksDB with one write batch (built in its serialized form, so the whole
     * batch crosses JNI once), and moves the entries into the clean cache.
     */
    private void flush() {
        int n = dirty.size();
        if (n == 0) {
            return;
        }
        int maxP = spec.maxParallelism();
        // header: sequence (8 bytes) and count (4 bytes, little-endian); per entry: type 1 (value),
        // key length 10, key, value length 8, value
        int entryBytes = 1 + 1 + RocksKeys.KEY_BYTES + 1 + 8;
        byte[] rep = new byte[12 + n * entryBytes];
        rep[8] = (byte) n;
        rep[9] = (byte) (n >>> 8);
        rep[10] = (byte) (n >>> 16);
        rep[11] = (byte) (n >>> 24);
        // in key order: RocksDB's skip list inserts sorted keys fastest (its sequential splice)
        long[] keys = dirty.entries().keys();
        int[] group = new int[n];
        int[] start = new int[maxP + 1];
        for (int i = 0; i < n; i++) {
            group[i] = KeyGroups.keyGroupOf(keys[i], maxP);
            start[group[i] + 1]++;
        }
        for (int g = 0; g < maxP; g++) {
            start[g + 1] += start[g];
        }
        long[] sorted = new long[n];
        int[] next = start.clone();
        for (int i = 0; i < n; i++) {
            sorted[next[group[i]]++] = keys[i] ^ Long.MIN_VALUE; // unsigned order, as RocksDB compares bytes
        }
        int i = 12;
        for (int g = 0; g < maxP; g++) {
            if (start[g] == start[g + 1]) {
                continue;
            }
            java.util.Arrays.sort(sorted, start[g], start[g + 1]);
            for (int k = start[g]; k < start[g + 1]; k++) {
                long key = sorted[k] ^ Long.MIN_VALUE;
                rep[i] = 1;
                rep[i + 1] = RocksKeys.KEY_BYTES;
                rep[i + 2] = (byte) (g >>> 8);
                rep[i + 3] = (byte) g;
                RocksKeys.putLong(key, rep, i + 4);
                rep[i + 12] = 8;
                RocksKeys.putLong(dirty.get(key, 0), rep, i + 13);
                i += entryBytes;
            }
        }
        try (WriteBatch batch = new WriteBatch(rep)) {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB write failed in " + dbDir + ": " + e.getMessage(), e);
        }
        if (clean.size() + n > CLEAN_CACHE_MAX) {
            clean = new LongLongHashMap(Math.max(1 << 16, n));
        }
        LongLongHashMap c = clean;
        dirty.forEach(c::put);
        dirty = new LongLongHashMap(Math.max(1 << 16, n));
        memoValid = false;
    }

    @Override
    public OperatorSnapshot snapshot(long checkpointId, boolean savepoint) throws IOException {
        flush();
        if (spec.incremental() && !savepoint) {
            return nativeSnapshot(checkpointId);
        }
        Snapshot snapshot;
        synchronized (lifecycle) {
            snapshot = db.getSnapshot();
            openSnapshots.add(snapshot);
        }
        int first = spec.firstKeyGroup();
        int last = spec.lastKeyGroup();
        return OperatorSnapshot.ofKeyed(out -> {
            begin();
            try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot).setFillCache(false).setReadaheadSize(1 << 20);
                 RocksIterator it = db.newIterator(ro)) {
                NativeFiles.readRange(it, first, last, (group, in) -> in.transferTo(out.beginKeyGroup(group)));
            } finally {
                synchronized (lifecycle) {
                    if (openSnapshots.remove(snapshot)) {
                        db.releaseSnapshot(snapshot);
                    }
                }
                end();
            }
        });
    }

    private OperatorSnapshot nativeSnapshot(long checkpointId) throws IOException {
        Path local = spec.workingDir().resolve("chk-" + checkpointId);
        try {
            CheckpointStorage.deleteRecursively(local);
            db.flush(flushOptions);
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(local.toString());
            }
        } catch (RocksDBException e) {
            throw new IOException("cannot create a RocksDB checkpoint in " + local + ": " + e.getMessage(), e);
        }
        Map<String, IncrementalStateHandle.SharedFile> base = confirmed;
        int first = spec.firstKeyGroup();
        int last = spec.lastKeyGroup();
        return OperatorSnapshot.ofNative((checkpointDir, sharedDir, prefix) -> {
            begin();
            try {
                return upload(checkpointId, local, base, checkpointDir, sharedDir, prefix, first, last);
            } finally {
                CheckpointStorage.deleteRecursively(local);
                end();
            }
        });
    }

    private IncrementalStateHandle upload(long checkpointId, Path local, Map<String, IncrementalStateHandle.SharedFile> base, Path checkpointDir,
                                          Path sharedDir, String prefix, int first, int last) throws IOException {
        Files.createDirectories(sharedDir);
        List<IncrementalStateHandle.SharedFile> shared = new ArrayList<>();
        List<IncrementalStateHandle.PrivateFile> privates = new ArrayList<>();
        Map<String, IncrementalStateHandle.SharedFile> now = new HashMap<>();
        long written = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(local)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            long size = Files.size(f);
            if (name.endsWith(".sst")) {
                IncrementalStateHandle.SharedFile before = base.get(name);
                Path existing = before == null ? null : sharedDir.resolve(before.file());
                if (before == null || before.bytes() != size || !Files.isRegularFile(existing) || Files.size(existing) != size) {
                    String target = prefix + "-" + UUID.randomUUID() + ".sst";
                    Files.copy(f, sharedDir.resolve(target));
                    before = new IncrementalStateHandle.SharedFile(target, name, size);
                    written += size;
                }
                shared.add(before);
                now.put(name, before);
            } else {
                String target = prefix + "-" + name;
                Files.copy(f, checkpointDir.resolve(target), StandardCopyOption.REPLACE_EXISTING);
                privates.add(new IncrementalStateHandle.PrivateFile(target, name, size));
                written += size;
            }
        }
        uploaded.put(checkpointId, now);
        return new IncrementalStateHandle(first, last, shared, privates, written);
    }

    private void begin() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IOException("the RocksDB state backend in " + spec.workingDir() + " was closed (the task ended)");
            }
            running++;
        }
    }

    private void end() {
        synchronized (lifecycle) {
            running--;
            lifecycle.notifyAll();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<String, IncrementalStateHandle.SharedFile> files = uploaded.remove(checkpointId);
        if (files != null) {
            confirmed = files;
        }
        uploaded.keySet().removeIf(id -> id < checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        uploaded.remove(checkpointId);
    }

    /** Waits for snapshots being written, closes RocksDB and deletes the working folder. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            long deadline = System.currentTimeMillis() + 30_000;
            while (running > 0 && System.currentTimeMillis() < deadline) {
                try {
                    lifecycle.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (db != null) {
                for (Snapshot s : openSnapshots) {
                    db.releaseSnapshot(s);
                }
                openSnapshots.clear();
                db.close();
            }
        }
        options.close();
        cache.close();
        writeOptions.close();
        readOptions.close();
        flushOptions.close();
        try {
            CheckpointStorage.deleteRecursively(spec.workingDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the RocksDB working folder " + spec.workingDir(), e);
        }
        try (Stream<Path> rest = Files.list(spec.workingDir().getParent())) {
            if (rest.findAny().isEmpty()) {
                Files.deleteIfExists(spec.workingDir().getParent());
            }
        } catch (IOException ignored) {
            // another subtask of the job still uses the folder, or it is gone already
        }
    }
}
