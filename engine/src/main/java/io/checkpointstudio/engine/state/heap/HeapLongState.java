package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.LongLongHashMap;
import io.checkpointstudio.engine.state.LongValueState;
import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;

/**
 * The heap's long-to-long value state: a {@link LongLongHashMap}. Its capture is one copy of the raw
 * table (a memory copy, a few milliseconds for a million keys, cheaper per entry than copy-on-write
 * bookkeeping); sorting by key group and writing happen on the snapshot thread.
 */
final class HeapLongState implements LongValueState, HeapState {
    private final StateDescriptor descriptor;
    private final LongLongHashMap map = new LongLongHashMap(1024);
    private final int maxParallelism;
    private final int firstKeyGroup;
    private final int lastKeyGroup;

    HeapLongState(HeapKeyedStateBackend backend, StateDescriptor descriptor) {
        this.descriptor = descriptor;
        this.maxParallelism = backend.maxParallelism();
        this.firstKeyGroup = backend.firstKeyGroup();
        this.lastKeyGroup = backend.lastKeyGroup();
    }

    @Override
    public boolean contains(long key) {
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
    public StateDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Capture capture() {
        LongLongHashMap.TableCopy copy = map.copyTable();
        return new Sorted(copy, descriptor.name(), descriptor.signature(), maxParallelism, firstKeyGroup, lastKeyGroup);
    }

    @Override
    public void restore(StateBlock block) {
        ByteReader in = new ByteReader(block.bytes(), 0, block.length());
        for (int i = 0; i < block.entries(); i++) {
            map.put(in.readLong(), in.readLong());
        }
    }

    /** The captured entries, sorted by key group (a counting sort) on first use, on the snapshot thread. */
    private static final class Sorted implements Capture {
        private final LongLongHashMap.TableCopy copy;
        private final String name;
        private final String signature;
        private final int maxParallelism;
        private final int firstKeyGroup;
        private final int lastKeyGroup;
        private long[] keys;
        private long[] values;
        private int[] start;
        private int[] order;

        Sorted(LongLongHashMap.TableCopy copy, String name, String signature, int maxParallelism, int firstKeyGroup, int lastKeyGroup) {
            this.copy = copy;
            this.name = name;
            this.signature = signature;
            this.maxParallelism = maxParallelism;
            this.firstKeyGroup = firstKeyGroup;
            this.lastKeyGroup = lastKeyGroup;
        }

        private void sort() {
            LongLongHashMap.Entries e = copy.entries();
            keys = e.keys();
            values = e.values();
            int n = e.size();
            int[] group = new int[n];
            start = new int[maxParallelism + 1];
            for (int i = 0; i < n; i++) {
                group[i] = KeyGroups.keyGroupOf(keys[i], maxParallelism);
                start[group[i] + 1]++;
            }
            for (int g = 0; g < maxParallelism; g++) {
                start[g + 1] += start[g];
            }
            order = new int[n];
            int[] next = start.clone();
            for (int i = 0; i < n; i++) {
                order[next[group[i]]++] = i;
            }
        }

        @Override
        public StateBlock block(int keyGroup) {
            if (keys == null) {
                sort();
            }
            int from = start[keyGroup];
            int to = start[keyGroup + 1];
            if (from == to) {
                return null;
            }
            byte[] bytes = new byte[(to - from) * 16];
            int p = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                putLong(bytes, p, keys[i]);
                putLong(bytes, p + 8, values[i]);
                p += 16;
            }
            return new StateBlock(name, signature, to - from, bytes, bytes.length);
        }

        private static void putLong(byte[] b, int at, long v) {
            for (int i = 0; i < 8; i++) {
                b[at + i] = (byte) (v >>> (56 - 8 * i));
            }
        }
    }
}
