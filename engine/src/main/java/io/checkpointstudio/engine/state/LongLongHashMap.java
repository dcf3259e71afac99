package io.checkpointstudio.engine.state;

import java.util.Arrays;

/**
 * A map from long keys to long values with open addressing and keys and values side by side in one array
 * (one cache miss per lookup, no boxing). Values of double state are stored as their raw bits. The key
 * {@link Long#MIN_VALUE} marks a free slot and is kept in a field of its own.
 */
public final class LongLongHashMap {
    private static final long FREE = Long.MIN_VALUE;
    private static final double LOAD_FACTOR = 0.5;

    private long[] table;
    private int mask;
    private int size;
    private int resizeAt;
    private boolean hasFreeKey;
    private long freeKeyValue;

    public LongLongHashMap(int expectedSize) {
        int capacity = Math.max(16, Integer.highestOneBit((int) Math.min(1 << 29, Math.max(1, expectedSize / LOAD_FACTOR)) * 2 - 1));
        allocate(capacity);
    }

    private void allocate(int capacity) {
        table = new long[capacity * 2];
        Arrays.fill(table, 0, table.length, 0);
        for (int i = 0; i < table.length; i += 2) {
            table[i] = FREE;
        }
        mask = capacity - 1;
        resizeAt = (int) (capacity * LOAD_FACTOR);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    public int size() {
        return size + (hasFreeKey ? 1 : 0);
    }

    public boolean containsKey(long key) {
        if (key == FREE) {
            return hasFreeKey;
        }
        int i = slot(key, mask);
        while (true) {
            long k = table[i << 1];
            if (k == key) {
                return true;
            }
            if (k == FREE) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value, or {@code absent} when the key is not in the map. */
    public long get(long key, long absent) {
        if (key == FREE) {
            return hasFreeKey ? freeKeyValue : absent;
        }
        int i = slot(key, mask);
        while (true) {
            long k = table[i << 1];
            if (k == key) {
                return table[(i << 1) + 1];
            }
            if (k == FREE) {
                return absent;
            }
            i = (i + 1) & mask;
        }
    }

    public void put(long key, long value) {
        if (key == FREE) {
            hasFreeKey = true;
            freeKeyValue = value;
            return;
        }
        int i = slot(key, mask);
        while (true) {
            long k = table[i << 1];
            if (k == key) {
                table[(i << 1) + 1] = value;
                return;
            }
            if (k == FREE) {
                table[i << 1] = key;
                table[(i << 1) + 1] = value;
                if (++size >= resizeAt) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code delta} to the key's value (absent keys start at 0) and returns the new value. */
    public long addTo(long key, long delta) {
        if (key == FREE) {
            if (!hasFreeKey) {
                hasFreeKey = true;
                freeKeyValue = 0;
            }
            return freeKeyValue += delta;
        }
        int i = slot(key, mask);
        while (true) {
            int at = i << 1;
            long k = table[at];
            if (k == key) {
                return table[at + 1] += delta;
            }
            if (k == FREE) {
                table[at] = key;
                table[at + 1] = delta;
                if (++size >= resizeAt) {
                    grow();
                }
                return delta;
            }
            i = (i + 1) & mask;
        }
    }

    /** Calls {@code visitor} for every entry. */
    public void forEach(LongLongConsumer visitor) {
        if (hasFreeKey) {
            visitor.accept(FREE, freeKeyValue);
        }
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != FREE) {
                visitor.accept(table[i], table[i + 1]);
            }
        }
    }

    /**
     * The entries as two arrays, copied in one pass over the table; the synchronous capture of a
     * checkpoint (a memory copy, far cheaper than writing).
     */
    public Entries entries() {
        int n = size();
        long[] keys = new long[n];
        long[] values = new long[n];
        int k = 0;
        if (hasFreeKey) {
            keys[k] = FREE;
            values[k++] = freeKeyValue;
        }
        long[] t = table;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != FREE) {
                keys[k] = t[i];
                values[k++] = t[i + 1];
            }
        }
        return new Entries(keys, values, n);
    }

    /** A copy of a map's entries. */
    public record Entries(long[] keys, long[] values, int size) {
    }

    /**
     * The synchronous capture of a checkpoint: one copy of the raw table (a memory copy, a few
     * milliseconds for a million keys). Turning it into entries is left to the asynchronous part.
     */
    public TableCopy copyTable() {
        return new TableCopy(table.clone(), hasFreeKey, freeKeyValue, size());
    }

    /** A raw copy of the table, detached from the live map. */
    public record TableCopy(long[] table, boolean hasFreeKey, long freeKeyValue, int size) {
        public Entries entries() {
            long[] keys = new long[size];
            long[] values = new long[size];
            int k = 0;
            if (hasFreeKey) {
                keys[k] = FREE;
                values[k++] = freeKeyValue;
            }
            for (int i = 0; i < table.length; i += 2) {
                if (table[i] != FREE) {
                    keys[k] = table[i];
                    values[k++] = table[i + 1];
                }
            }
            return new Entries(keys, values, k);
        }
    }

    public void clear() {
        allocate(16);
        size = 0;
        hasFreeKey = false;
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != FREE) {
                put(old[i], old[i + 1]);
            }
        }
    }

    /** Receives one entry. */
    @FunctionalInterface
    public interface LongLongConsumer {
        void accept(long key, long value);
    }
}
