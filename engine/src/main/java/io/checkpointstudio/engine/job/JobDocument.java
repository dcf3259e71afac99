package io.checkpointstudio.engine.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the user wrote it: one format for the designer, the CLI, the samples and the Flink export.
 * Immutable; the {@code with*} methods return changed copies. It may be invalid: {@link JobValidator}
 * says what is wrong and where.
 */
public record JobDocument(
        String format,
        String name,
        String description,
        Map<String, Object> config,
        List<OperatorSpec> operators,
        List<EdgeSpec> edges,
        Map<String, NodePosition> layout) {

    public static final String FORMAT = "checkpoint-studio/job@1";

    public JobDocument {
        Objects.requireNonNull(format, "format");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config == null ? Map.of() : config));
        operators = List.copyOf(operators == null ? List.of() : operators);
        edges = List.copyOf(edges == null ? List.of() : edges);
        layout = Collections.unmodifiableMap(new LinkedHashMap<>(layout == null ? Map.of() : layout));
    }

    public static JobDocument empty(String name) {
        return new JobDocument(FORMAT, name, null, Map.of(), List.of(), List.of(), Map.of());
    }

    public Optional<OperatorSpec> operator(String id) {
        return operators.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public int indexOf(String operatorId) {
        for (int i = 0; i < operators.size(); i++) {
            if (operators.get(i).id().equals(operatorId)) {
                return i;
            }
        }
        return -1;
    }

    public JobDocument withConfig(Map<String, Object> newConfig) {
        return new JobDocument(format, name, description, newConfig, operators, edges, layout);
    }

    public JobDocument withConfigValue(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return withConfig(copy);
    }

    public JobDocument withOperators(List<OperatorSpec> newOperators) {
        return new JobDocument(format, name, description, config, newOperators, edges, layout);
    }

    public JobDocument withOperator(OperatorSpec replacement) {
        List<OperatorSpec> copy = new ArrayList<>(operators);
        int i = indexOf(replacement.id());
        if (i < 0) {
            copy.add(replacement);
        } else {
            copy.set(i, replacement);
        }
        return withOperators(copy);
    }

    public JobDocument withEdges(List<EdgeSpec> newEdges) {
        return new JobDocument(format, name, description, config, operators, newEdges, layout);
    }

    public JobDocument withLayout(Map<String, NodePosition> newLayout) {
        return new JobDocument(format, name, description, config, operators, edges, newLayout);
    }

    public JobDocument withName(String newName) {
        return new JobDocument(format, newName, description, config, operators, edges, layout);
    }
}
