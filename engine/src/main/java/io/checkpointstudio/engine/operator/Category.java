package io.checkpointstudio.engine.operator;

/** The palette groups of operators. */
public enum Category {
    SOURCE("Sources"),
    TRANSFORM("Transforms"),
    KEYED("Keyed"),
    WINDOW("Windows"),
    SINK("Sinks");

    private final String displayName;

    Category(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
