package io.checkpointstudio.engine.record;

import java.util.Locale;
import java.util.Optional;

/** The value types a field of a record can have. Each maps to one primitive column layout. */
public enum FieldType {
    LONG("long", long.class),
    DOUBLE("double", double.class),
    BOOLEAN("boolean", boolean.class),
    STRING("string", String.class);

    private final String jsonName;
    private final Class<?> javaType;

    FieldType(String jsonName, Class<?> javaType) {
        this.jsonName = jsonName;
        this.javaType = javaType;
    }

    /** The name used in job documents ({@code "long"}, {@code "string"}, ...). */
    public String jsonName() {
        return jsonName;
    }

    /** The Java type that expressions see for a field of this type. */
    public Class<?> javaType() {
        return javaType;
    }

    public static Optional<FieldType> fromJsonName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (FieldType t : values()) {
            if (t.jsonName.equals(n)) {
                return Optional.of(t);
            }
        }
        return switch (n) {
            case "int", "integer", "bigint" -> Optional.of(LONG);
            case "float", "real" -> Optional.of(DOUBLE);
            case "bool" -> Optional.of(BOOLEAN);
            case "text", "varchar" -> Optional.of(STRING);
            default -> Optional.empty();
        };
    }

    public static Optional<FieldType> fromJavaType(Class<?> type) {
        if (type == long.class || type == int.class || type == short.class || type == byte.class
                || type == char.class || type == Long.class || type == Integer.class) {
            return Optional.of(LONG);
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return Optional.of(DOUBLE);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of(BOOLEAN);
        }
        if (type == String.class) {
            return Optional.of(STRING);
        }
        return Optional.empty();
    }
}
