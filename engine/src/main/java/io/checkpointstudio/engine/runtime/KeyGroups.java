package io.checkpointstudio.engine.runtime;

/**
 * Key groups as Flink assigns them: a key's group is {@code murmur(key.hashCode()) % maxParallelism}, and
 * subtask {@code i} of {@code p} owns a contiguous range of groups. Keyed state is stored and snapshotted
 * by key group, so it can be redistributed when the parallelism changes.
 */
public final class KeyGroups {
    private KeyGroups() {
    }

    public static int keyGroupOf(long key, int maxParallelism) {
        return murmurHash(Long.hashCode(key)) % maxParallelism;
    }

    public static int keyGroupOf(Object key, int maxParallelism) {
        return murmurHash(key.hashCode()) % maxParallelism;
    }

    /** The subtask that owns a key group (Flink's {@code computeOperatorIndexForKeyGroup}). */
    public static int subtaskOf(int keyGroup, int maxParallelism, int parallelism) {
        return keyGroup * parallelism / maxParallelism;
    }

    public static int firstKeyGroup(int maxParallelism, int parallelism, int subtask) {
        return (subtask * maxParallelism + parallelism - 1) / parallelism;
    }

    public static int lastKeyGroup(int maxParallelism, int parallelism, int subtask) {
        return ((subtask + 1) * maxParallelism - 1) / parallelism;
    }

    /** For each key group, the subtask that owns it. */
    public static int[] subtaskTable(int maxParallelism, int parallelism) {
        int[] table = new int[maxParallelism];
        for (int kg = 0; kg < maxParallelism; kg++) {
            table[kg] = subtaskOf(kg, maxParallelism, parallelism);
        }
        return table;
    }

    /** Flink's {@code MathUtils.murmurHash}: murmur3's mixing of one int, made non-negative. */
    static int murmurHash(int code) {
        code *= 0xcc9e2d51;
        code = Integer.rotateLeft(code, 15);
        code *= 0x1b873593;
        code = Integer.rotateLeft(code, 13);
        code = code * 5 + 0xe6546b64;
        code ^= 4;
        code ^= code >>> 16;
        code *= 0x85ebca6b;
        code ^= code >>> 13;
        code *= 0xc2b2ae35;
        code ^= code >>> 16;
        if (code >= 0) {
            return code;
        } else if (code != Integer.MIN_VALUE) {
            return -code;
        } else {
            return 0;
        }
    }
}
