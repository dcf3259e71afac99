package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.runtime.KeyGroups;
import java.util.HashMap;

/**
 * The entries of one heap state, one hash map per key group, copied on write: a snapshot captures the
 * array of maps (cheap), after which the first write into a key group copies that group's map. Nested
 * containers (lists, maps of map state) are {@link Box}es copied the same way.
 */
final class CowTable {
    private final HeapKeyedStateBackend backend;
    private final HashMap<Object, Object>[] groups;
    private final int[] versions;

    @SuppressWarnings("unchecked")
    CowTable(HeapKeyedStateBackend backend) {
        this.backend = backend;
        int n = backend.lastKeyGroup() - backend.firstKeyGroup() + 1;
        this.groups = new HashMap[n];
        this.versions = new int[n];
    }

    private int group(Object key) {
        int g = KeyGroups.keyGroupOf(key == null ? "" : key, backend.maxParallelism()) - backend.firstKeyGroup();
        if (g < 0 || g >= groups.length) {
            throw new IllegalArgumentException("key " + key + " is in key group " + (g + backend.firstKeyGroup())
                    + ", not in this subtask's " + backend.firstKeyGroup() + ".." + backend.lastKeyGroup());
        }
        return g;
    }

    Object get(Object key) {
        HashMap<Object, Object> m = groups[group(key)];
        return m == null ? null : m.get(key);
    }

    /** The key group's map, safe to change: copied first if a snapshot may still read it. */
    HashMap<Object, Object> writable(Object key) {
        int g = group(key);
        HashMap<Object, Object> m = groups[g];
        int version = backend.version();
        if (m == null) {
            m = new HashMap<>();
            groups[g] = m;
            versions[g] = version;
        } else if (versions[g] != version) {
            m = new HashMap<>(m);
            groups[g] = m;
            versions[g] = version;
        }
        return m;
    }

    /** The key's box in a writable group map, copied first if a snapshot may still read it. */
    Box writableBox(Object key, boolean list) {
        HashMap<Object, Object> m = writable(key);
        Box box = (Box) m.get(key);
        int version = backend.version();
        if (box == null) {
            box = list ? Box.list(version) : Box.map(version);
            m.put(key, box);
        } else if (box.version != version) {
            box = box.copy(version);
            m.put(key, box);
        }
        return box;
    }

    void remove(Object key) {
        writable(key).remove(key);
    }

    /** The current maps by key group; the caller must bump the backend's version before the next write. */
    HashMap<Object, Object>[] capture() {
        return groups.clone();
    }

    HashMap<Object, Object>[] live() {
        return groups;
    }
}
