package io.checkpointstudio.app.snapshots;

/** One key of an operator's state in a snapshot, with its value as text. */
public record StateEntry(String key, String value) {

    public boolean matches(String needle) {
        return Keys.contains(key, needle) || Keys.contains(value, needle);
    }
}
