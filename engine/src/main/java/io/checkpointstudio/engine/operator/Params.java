package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.config.Durations;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's parameters with the descriptor's defaults applied and typed getters. Values have been
 * checked by {@link ParamChecks} before an operator is created, so the getters do not report errors.
 */
public final class Params {
    private final OperatorDescriptor descriptor;
    private final Map<String, Object> raw;

    public Params(OperatorDescriptor descriptor, Map<String, Object> raw) {
        this.descriptor = descriptor;
        this.raw = raw;
    }

    public Map<String, Object> raw() {
        return raw;
    }

    public boolean isSet(String name) {
        return raw.get(name) != null;
    }

    public Object get(String name) {
        Object v = raw.get(name);
        if (v != null) {
            return v;
        }
        return descriptor.param(name).map(ParamDescriptor::defaultValue).orElse(null);
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public long getLong(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v == null ? 0L : Long.parseLong(v.toString().trim());
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v == null ? 0.0 : Double.parseDouble(v.toString().trim());
    }

    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        return v != null && Boolean.parseBoolean(v.toString().trim());
    }

    /** A duration parameter; null when neither set nor defaulted. */
    public Duration getDuration(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        return Durations.parse(v.toString());
    }

    /** An enum parameter as written, upper-cased. */
    public String getEnum(String name) {
        String v = getString(name);
        return v == null ? null : v.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** A FIELD_EXPRESSIONS parameter: output field name to expression, in document order. */
    public LinkedHashMap<String, String> getFieldExpressions(String name) {
        LinkedHashMap<String, String> result = new LinkedHashMap<>();
        if (get(name) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return result;
    }

    /** A SCHEMA parameter as a schema (declarations that are not well formed are skipped; validation reports them). */
    public Schema getSchema(String name) {
        return parseSchema(get(name), null);
    }

    static Schema parseSchema(Object value, List<String> errors) {
        List<Field> fields = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof Map<?, ?> m && m.get("name") instanceof String n && m.get("type") instanceof String t) {
                    var type = FieldType.fromJsonName(t);
                    if (type.isEmpty()) {
                        addError(errors, "[" + i + "].type", "unknown type '" + t + "'; use long, double, boolean or string");
                    } else if (fields.stream().anyMatch(f -> f.name().equals(n))) {
                        addError(errors, "[" + i + "].name", "field '" + n + "' is declared twice");
                    } else if (!FieldNames.isValid(n)) {
                        addError(errors, "[" + i + "].name", FieldNames.problem(n));
                    } else {
                        fields.add(new Field(n, type.get()));
                    }
                } else {
                    addError(errors, "[" + i + "]", "must be {\"name\": ..., \"type\": \"long|double|boolean|string\"}");
                }
            }
        } else if (value != null) {
            addError(errors, "", "must be a list of {\"name\": ..., \"type\": ...} declarations");
        }
        return Schema.of(fields);
    }

    private static void addError(List<String> errors, String where, String message) {
        if (errors != null) {
            errors.add(where + "\u0000" + message);
        }
    }
}
