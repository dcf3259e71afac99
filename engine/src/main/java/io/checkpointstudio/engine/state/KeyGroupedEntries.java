package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.runtime.KeyGroups;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes captured long-keyed entries grouped by key group (a counting sort by group), for the
 * asynchronous part of a snapshot. Each section holds a count and then (key, value) pairs.
 */
public final class KeyGroupedEntries {
    private KeyGroupedEntries() {
    }

    /** {@code keys} and {@code values} are captured copies; {@code n} entries are used. */
    public static void write(long[] keys, long[] values, int n, int maxParallelism, KeyGroupWriter out) throws IOException {
        int[] group = new int[n];
        int[] counts = new int[maxParallelism + 1];
        for (int i = 0; i < n; i++) {
            group[i] = KeyGroups.keyGroupOf(keys[i], maxParallelism);
            counts[group[i] + 1]++;
        }
        for (int g = 0; g < maxParallelism; g++) {
            counts[g + 1] += counts[g];
        }
        int[] order = new int[n];
        int[] next = counts.clone();
        for (int i = 0; i < n; i++) {
            order[next[group[i]]++] = i;
        }
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(1 << 16);
        for (int g = 0; g < maxParallelism; g++) {
            int from = counts[g];
            int to = counts[g + 1];
            if (from == to) {
                continue;
            }
            DataOutputStream section = out.beginKeyGroup(g);
            section.writeInt(to - from);
            for (int k = from; k < to; k++) {
                if (chunk.remaining() < 16) {
                    section.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                int i = order[k];
                chunk.putLong(keys[i]);
                chunk.putLong(values[i]);
            }
            section.write(chunk.array(), 0, chunk.position());
            chunk.clear();
        }
    }
}
