package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.LongLongHashMap;
import io.checkpointstudio.engine.state.LongValueState;
import java.util.Arrays;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The long value state in RocksDB behind a write-back cache: writes go to a {@link LongLongHashMap} of dirty
 * entries, reads look there first, then in a cache of clean entries, then in RocksDB. The backend flushes
 * the dirty entries with one write batch in the synchronous part of every checkpoint.
 */
final class RocksLongState implements LongValueState {
    private static final int FLUSH_AT = 1 << 18;
    /** At most this many clean entries are cached on the heap; beyond it the cache starts over. */
    private static final int CLEAN_CACHE_MAX = Integer.getInteger("checkpointstudio.rocksdb.cache-entries", 1 << 20);

    private final RocksKeyedStateBackend backend;
    private final int stateId;
    private final int maxParallelism;
    private LongLongHashMap dirty = new LongLongHashMap(1 << 16);
    /** Entries as they are in RocksDB (a read cache); never holds a key that is dirty with another value. */
    private LongLongHashMap clean = new LongLongHashMap(1 << 16);
    private final byte[] keyBuffer = new byte[RocksKeys.LONG_KEY_BYTES];
    private final byte[] valueBuffer = new byte[8];
    private long memoKey;
    private long memoValue;
    private boolean memoFound;
    private boolean memoValid;

    RocksLongState(RocksKeyedStateBackend backend, int stateId) {
        this.backend = backend;
        this.stateId = stateId;
        this.maxParallelism = backend.spec().maxParallelism();
    }

    private byte[] key(long key) {
        RocksKeys.encode(KeyGroups.keyGroupOf(key, maxParallelism), stateId, key, keyBuffer);
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
            n = backend.db().get(backend.readOptions(), key(key), valueBuffer);
        } catch (RocksDBException e) {
            throw backend.failure("read", e);
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
    public boolean contains(long key) {
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
    void flush() {
        int n = dirty.size();
        if (n == 0) {
            return;
        }
        int maxP = maxParallelism;
        // header: sequence (8 bytes) and count (4 bytes, little-endian); per entry: type 1 (value),
        // key length, key, value length 8, value
        int keyBytes = RocksKeys.LONG_KEY_BYTES;
        int entryBytes = 1 + 1 + keyBytes + 1 + 8;
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
            Arrays.sort(sorted, start[g], start[g + 1]);
            for (int k = start[g]; k < start[g + 1]; k++) {
                long key = sorted[k] ^ Long.MIN_VALUE;
                rep[i] = 1;
                rep[i + 1] = (byte) keyBytes;
                rep[i + 2] = (byte) (g >>> 8);
                rep[i + 3] = (byte) g;
                rep[i + 4] = (byte) stateId;
                RocksKeys.putLong(key, rep, i + 2 + RocksKeys.PREFIX_BYTES);
                rep[i + 2 + keyBytes] = 8;
                RocksKeys.putLong(dirty.get(key, 0), rep, i + 3 + keyBytes);
                i += entryBytes;
            }
        }
        try (WriteBatch batch = new WriteBatch(rep)) {
            backend.db().write(backend.writeOptions(), batch);
        } catch (RocksDBException e) {
            throw backend.failure("write", e);
        }
        if (clean.size() + n > CLEAN_CACHE_MAX) {
            clean = new LongLongHashMap(Math.max(1 << 16, n));
        }
        LongLongHashMap c = clean;
        dirty.forEach(c::put);
        dirty = new LongLongHashMap(Math.max(1 << 16, n));
        memoValid = false;
    }
}
