package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.ChecksummedCopy;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.state.FieldSerializer;
import io.checkpointstudio.engine.state.KeyedBackendSpec;
import io.checkpointstudio.engine.state.KeyedStateBackend;
import io.checkpointstudio.engine.state.ListState;
import io.checkpointstudio.engine.state.LongValueState;
import io.checkpointstudio.engine.state.MapState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.ReducingState;
import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.StateKind;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.StateSerializer;
import io.checkpointstudio.engine.state.ValueState;
import java.util.function.BinaryOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Keyed state in one RocksDB instance per operator subtask, in a local working folder that is deleted on
 * close. Keys are {@code key group (2 bytes) + state id (1 byte) + serialized key}, see {@link RocksKeys}.
 * General states read and write RocksDB directly; the long value state keeps a write-back cache of dirty
 * entries that is flushed with one {@link WriteBatch} when it grows large and always in the synchronous
 * part of a checkpoint, so every snapshot sees exactly the state as of its barrier:
 * <ul>
 *   <li>full (and every savepoint): a RocksDB snapshot is taken synchronously; the asynchronous part
 *       iterates it key group by key group into the canonical format;</li>
 *   <li>incremental: the memtable is flushed and a RocksDB checkpoint (hard links) is made synchronously;
 *       the asynchronous part uploads the SST files not uploaded before into {@code <job>/shared/},
 *       references the others, and copies MANIFEST, CURRENT and OPTIONS into the checkpoint's folder.</li>
 * </ul>
 * Only files of a checkpoint that completed (and was notified) are referenced by later ones.
 */
public final class RocksKeyedStateBackend implements KeyedStateBackend {
    static {
        RocksDB.loadLibrary();
    }

    private final KeyedBackendSpec spec;
    private final Path dbDir;
    private final Options options;
    private final LRUCache cache;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final FlushOptions flushOptions;
    private RocksDB db;
    private StateNames names = new StateNames(new java.util.TreeMap<>());
    private final Map<String, Integer> registered = new HashMap<>();
    private final List<RocksLongState> caches = new ArrayList<>();

    /** Local SST name to its uploaded copy, for the last checkpoint that completed. */
    private Map<String, IncrementalStateHandle.SharedFile> confirmed = new HashMap<>();
    /** The same per checkpoint whose upload finished but whose completion was not notified yet. */
    private final Map<Long, Map<String, IncrementalStateHandle.SharedFile>> uploaded = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final List<Snapshot> openSnapshots = new ArrayList<>();
    private int running;
    private boolean closed;

    private RocksKeyedStateBackend(KeyedBackendSpec spec) {
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
    public static RocksKeyedStateBackend open(KeyedBackendSpec spec, StateRestore restore) throws IOException {
        WorkingFolders.claim(spec.workingDir().getParent());
        RocksKeyedStateBackend s = new RocksKeyedStateBackend(spec);
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
            s.names = StateNames.read(s.db);
            if (restore != null && nat == null) {
                s.restoreCanonical(restore);
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

    /** Writes restored canonical sections into the DB, one write batch per key group. */
    private void restoreCanonical(StateRestore restore) throws IOException {
        restore.readKeyGroups((keyGroup, in) -> {
            try (WriteBatch batch = new WriteBatch()) {
                for (StateBlock block : StateBlock.readSection(in)) {
                    int id = idOf(block.name(), block.signature());
                    byte[] prefix = new byte[RocksKeys.PREFIX_BYTES];
                    RocksKeys.prefix(keyGroup, id, prefix);
                    block.forEachEntry((bytes, keyOffset, keyLength, valueOffset, valueLength) -> {
                        byte[] key = new byte[RocksKeys.PREFIX_BYTES + keyLength];
                        System.arraycopy(prefix, 0, key, 0, RocksKeys.PREFIX_BYTES);
                        System.arraycopy(bytes, keyOffset, key, RocksKeys.PREFIX_BYTES, keyLength);
                        try {
                            batch.put(key, java.util.Arrays.copyOfRange(bytes, valueOffset, valueOffset + valueLength));
                        } catch (RocksDBException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                db.write(writeOptions, batch);
            } catch (RocksDBException e) {
                throw new IOException("cannot restore into RocksDB in " + dbDir + ": " + e.getMessage(), e);
            }
        });
    }

    /** The id of a state, given one (stored in the DB) if it has none yet; a known name must keep its signature. */
    private int idOf(String name, String signature) throws IOException {
        for (Map.Entry<Integer, StateNames.Name> e : names.byId().entrySet()) {
            if (e.getValue().name().equals(name)) {
                if (!e.getValue().signature().equals(signature)) {
                    throw new IOException("keyed state '" + name + "' was " + e.getValue().signature()
                            + " in the snapshot but is now " + signature + "; it cannot be restored");
                }
                return e.getKey();
            }
        }
        int id = names.byId().size();
        if (id > 0xFF) {
            throw new IOException("an operator can have at most 256 keyed states");
        }
        try {
            db.put(writeOptions, StateNames.key(id), StateNames.value(name, signature));
        } catch (RocksDBException e) {
            throw new IOException("RocksDB write failed in " + dbDir + ": " + e.getMessage(), e);
        }
        names.byId().put(id, new StateNames.Name(name, signature));
        return id;
    }

    private int register(StateDescriptor d) {
        if (registered.containsKey(d.name())) {
            throw new IllegalStateException("keyed state '" + d.name() + "' is registered twice");
        }
        try {
            int id = idOf(d.name(), d.signature());
            registered.put(d.name(), id);
            return id;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    RocksDB db() {
        return db;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    ReadOptions readOptions() {
        return readOptions;
    }

    KeyedBackendSpec spec() {
        return spec;
    }

    IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("RocksDB " + what + " failed in " + dbDir + ": " + e.getMessage(), e);
    }

    @Override
    public <K, V> ValueState<K, V> valueState(String name, StateSerializer<K> key, StateSerializer<V> value) {
        StateDescriptor d = new StateDescriptor(name, StateKind.VALUE, key, null, value);
        return new RocksValueState<>(this, d, register(d));
    }

    @Override
    public <K, V> ReducingState<K, V> reducingState(String name, StateSerializer<K> key, StateSerializer<V> value, BinaryOperator<V> reduce) {
        StateDescriptor d = new StateDescriptor(name, StateKind.REDUCING, key, null, value);
        return new RocksReducingState<>(this, d, register(d), reduce);
    }

    @Override
    public <K, V> ListState<K, V> listState(String name, StateSerializer<K> key, StateSerializer<V> value) {
        StateDescriptor d = new StateDescriptor(name, StateKind.LIST, key, null, value);
        return new RocksListState<>(this, d, register(d));
    }

    @Override
    public <K, UK, UV> MapState<K, UK, UV> mapState(String name, StateSerializer<K> key, StateSerializer<UK> userKey, StateSerializer<UV> value) {
        StateDescriptor d = new StateDescriptor(name, StateKind.MAP, key, userKey, value);
        return new RocksMapState<>(this, d, register(d));
    }

    @Override
    public LongValueState longValueState(String name, FieldType valueType) {
        StateDescriptor d = new StateDescriptor(name, StateKind.VALUE, FieldSerializer.LONG, null, FieldSerializer.of(valueType));
        RocksLongState s = new RocksLongState(this, register(d));
        caches.add(s);
        return s;
    }

    @Override
    public OperatorSnapshot snapshot(long checkpointId, boolean savepoint) throws IOException {
        for (RocksLongState c : caches) {
            c.flush();
        }
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
        StateNames frozen = names.copy();
        return OperatorSnapshot.ofKeyed(out -> {
            begin();
            try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot).setFillCache(false).setReadaheadSize(1 << 20);
                 RocksIterator it = db.newIterator(ro)) {
                NativeFiles.readRange(it, first, last, frozen, (group, in) -> in.transferTo(out.beginKeyGroup(group)));
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
                    long crc = ChecksummedCopy.copy(f, sharedDir.resolve(target));
                    before = new IncrementalStateHandle.SharedFile(target, name, size, crc);
                    written += size;
                }
                shared.add(before);
                now.put(name, before);
            } else {
                String target = prefix + "-" + name;
                long crc = ChecksummedCopy.copy(f, checkpointDir.resolve(target));
                privates.add(new IncrementalStateHandle.PrivateFile(target, name, size, crc));
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
        } finally {
            WorkingFolders.release(spec.workingDir().getParent());
        }
    }
}
