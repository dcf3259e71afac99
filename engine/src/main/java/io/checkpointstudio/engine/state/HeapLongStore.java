package io.checkpointstudio.engine.state;

/** Keyed long state on the heap: a {@link LongLongHashMap}, snapshotted by copying its table synchronously. */
public final class HeapLongStore implements KeyedLongStore {
    private final LongLongHashMap map = new LongLongHashMap(1024);
    private final int maxParallelism;

    public HeapLongStore(int maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    @Override
    public boolean containsKey(long key) {
        return map.containsKey(key);
    }

    @Override
    public long get(long key, long absent) {
        return map.get(key, absent);
    }

    @Override
    public void put(long key, long value) {
        map.put(key, value);
    }

    @Override
    public long addTo(long key, long delta) {
        return map.addTo(key, delta);
    }

    @Override
    public long size() {
        return map.size();
    }

    /** Heap snapshots are always full and canonical: a table copy now, entries by key group later. */
    @Override
    public OperatorSnapshot snapshot(long checkpointId, boolean savepoint) {
        int maxP = maxParallelism;
        LongLongHashMap.TableCopy copy = map.copyTable();
        return OperatorSnapshot.ofKeyed(out -> {
            LongLongHashMap.Entries e = copy.entries();
            KeyGroupedEntries.write(e.keys(), e.values(), e.size(), maxP, out);
        });
    }

    @Override
    public void close() {
    }
}
