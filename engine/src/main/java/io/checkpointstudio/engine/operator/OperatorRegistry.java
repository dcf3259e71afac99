package io.checkpointstudio.engine.operator;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only list of operator types. Validation, the CLI, the designer's palette and property panels and
 * the Flink translation all look operators up here.
 */
public final class OperatorRegistry {
    private final Map<String, OperatorDescriptor> byType;

    public OperatorRegistry(List<OperatorDescriptor> descriptors) {
        Map<String, OperatorDescriptor> map = new LinkedHashMap<>();
        for (OperatorDescriptor d : descriptors) {
            if (map.put(d.type(), d) != null) {
                throw new IllegalArgumentException("operator type '" + d.type() + "' registered twice");
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /** The built-in operators. */
    public static OperatorRegistry standard() {
        return StandardOperators.REGISTRY;
    }

    public Optional<OperatorDescriptor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Collection<OperatorDescriptor> all() {
        return byType.values();
    }

    public Collection<String> types() {
        return byType.keySet();
    }

    public List<OperatorDescriptor> inCategory(Category category) {
        return byType.values().stream().filter(d -> d.category() == category).toList();
    }
}
