package io.checkpointstudio.engine.job;

import java.util.Objects;

/** A directed edge of the job graph, written as {@code ["from", "to"]} in the document. */
public record EdgeSpec(String from, String to) {
    public EdgeSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
