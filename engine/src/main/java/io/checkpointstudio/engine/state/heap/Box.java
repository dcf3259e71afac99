package io.checkpointstudio.engine.state.heap;

import java.util.ArrayList;
import java.util.HashMap;

/** The list or map of one key in heap list and map state, tagged with the snapshot version it may be changed in. */
final class Box {
    final int version;
    final ArrayList<Object> list;
    final HashMap<Object, Object> map;

    private Box(int version, ArrayList<Object> list, HashMap<Object, Object> map) {
        this.version = version;
        this.list = list;
        this.map = map;
    }

    static Box list(int version) {
        return new Box(version, new ArrayList<>(), null);
    }

    static Box map(int version) {
        return new Box(version, null, new HashMap<>());
    }

    Box copy(int newVersion) {
        return new Box(newVersion, list == null ? null : new ArrayList<>(list), map == null ? null : new HashMap<>(map));
    }

    boolean isEmpty() {
        return list != null ? list.isEmpty() : map.isEmpty();
    }
}
