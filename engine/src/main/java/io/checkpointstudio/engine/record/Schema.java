package io.checkpointstudio.engine.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ordered, named and typed fields of the records on one edge of a job. Immutable. */
public final class Schema {
    public static final Schema EMPTY = new Schema(List.of());

    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.putIfAbsent(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate field '" + this.fields.get(i).name() + "'");
            }
        }
        this.indexByName = Collections.unmodifiableMap(index);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public FieldType type(int index) {
        return fields.get(index).type();
    }

    /** The index of the named field, or -1. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    public Optional<Field> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
    }

    public List<String> names() {
        return fields.stream().map(Field::name).collect(Collectors.toList());
    }

    /** A new schema with the given field appended (or replaced, keeping its position). */
    public Schema with(Field field) {
        List<Field> copy = new ArrayList<>(fields);
        int i = indexOf(field.name());
        if (i >= 0) {
            copy.set(i, field);
        } else {
            copy.add(field);
        }
        return new Schema(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
