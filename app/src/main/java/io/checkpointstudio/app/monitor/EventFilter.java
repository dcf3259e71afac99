package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.monitor.EventEntry.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/** Which lines the event log shows. A failed checkpoint counts both as a failure and as a checkpoint. */
public enum EventFilter implements Predicate<EventEntry> {
    ALL("All", EnumSet.allOf(Kind.class)),
    FAILURES_AND_RECOVERY("Failures & recovery", EnumSet.of(Kind.FAILURE, Kind.RECOVERY, Kind.CHECKPOINT_FAILURE)),
    CHECKPOINTS("Checkpoints", EnumSet.of(Kind.CHECKPOINT, Kind.SAVEPOINT, Kind.CHECKPOINT_FAILURE));

    private final String label;
    private final Set<Kind> kinds;

    EventFilter(String label, Set<Kind> kinds) {
        this.label = label;
        this.kinds = kinds;
    }

    public String label() {
        return label;
    }

    @Override
    public boolean test(EventEntry e) {
        return kinds.contains(e.kind());
    }
}
