package io.checkpointstudio.app.snapshots;

/** One key that differs between two snapshots; {@code before} is null for an added key, {@code after} for a removed one. */
public record DiffRow(Change change, String key, String before, String after) {

    public enum Change {
        ADDED, CHANGED, REMOVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean matches(String needle) {
        return Keys.contains(key, needle) || Keys.contains(before, needle) || Keys.contains(after, needle);
    }
}
