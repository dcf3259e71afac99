package io.checkpointstudio.engine.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One operator of a job document: its id (unique in the job, used to match state on restore), its type
 * (a key of the operator registry), an optional display name, an optional parallelism (falls back to
 * {@code parallelism.default}) and its parameters as JSON values (strings, numbers, booleans, lists, maps).
 */
public record OperatorSpec(String id, String type, String name, Integer parallelism, Map<String, Object> params) {
    public OperatorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    }

    public static OperatorSpec of(String id, String type, Map<String, Object> params) {
        return new OperatorSpec(id, type, null, null, params);
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    public OperatorSpec withParallelism(Integer p) {
        return new OperatorSpec(id, type, name, p, params);
    }

    public OperatorSpec withParam(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new OperatorSpec(id, type, name, parallelism, copy);
    }
}
