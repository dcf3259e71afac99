package io.checkpointstudio.app.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The keys of one operator that differ between two snapshots: added, changed (old and new value) and
 * removed.
 */
public record StateDiff(String operatorId, Map<String, String> added, Map<String, String[]> changed, Map<String, String> removed) {

    public static StateDiff of(String operatorId, Map<String, String> before, Map<String, String> after) {
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, String[]> changed = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            String a = before.get(k);
            String b = after.get(k);
            if (a == null) {
                added.put(k, b);
            } else if (b == null) {
                removed.put(k, a);
            } else if (!a.equals(b)) {
                changed.put(k, new String[] {a, b});
            }
        }
        return new StateDiff(operatorId, added, changed, removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
