package io.checkpointstudio.engine.record;

import java.util.Objects;

/** A named, typed field of a record schema. */
public record Field(String name, FieldType type) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + ": " + type.jsonName();
    }
}
