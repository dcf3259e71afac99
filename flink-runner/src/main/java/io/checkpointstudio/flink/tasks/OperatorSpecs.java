package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serializable part of a validated operator that a Flink function carries to the task managers: its id,
 * type, parameters as written and its schemas. The function rebuilds the engine's operator from it through
 * the operator's descriptor when it opens.
 */
public record OperatorSpecs(String id, String type, Map<String, Object> params, List<String> inputNames,
                            List<FieldType> inputTypes, List<String> outputNames, List<FieldType> outputTypes,
                            String keyField) implements Serializable {

    public static OperatorSpecs of(ValidatedOperator op) {
        Schema in = op.inputSchema() == null ? Schema.EMPTY : op.inputSchema();
        Schema out = op.outputSchema() == null ? Schema.EMPTY : op.outputSchema();
        return new OperatorSpecs(op.id(), op.descriptor().type(), copy(op.spec().params()),
                in.names(), in.fields().stream().map(Field::type).toList(),
                out.names(), out.fields().stream().map(Field::type).toList(), op.keyField());
    }

    /** The parameters with the descriptor's defaults, as the engine's operator reads them. */
    public Params engineParams() {
        OperatorDescriptor descriptor = OperatorRegistry.standard().find(type)
                .orElseThrow(() -> new IllegalStateException("unknown operator type " + type));
        return new Params(descriptor, params);
    }

    public Schema inputSchema() {
        return schema(inputNames, inputTypes);
    }

    public Schema outputSchema() {
        return schema(outputNames, outputTypes);
    }

    private static Schema schema(List<String> names, List<FieldType> types) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(new Field(names.get(i), types.get(i)));
        }
        return Schema.of(fields);
    }

    /** A deep copy into serializable collections (the document's maps may be immutable views). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> params) {
        return (Map<String, Object>) copyValue(params == null ? Map.of() : params);
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, value) -> copy.put(String.valueOf(k), copyValue(value)));
            return copy;
        }
        if (v instanceof List<?> l) {
            ArrayList<Object> copy = new ArrayList<>();
            l.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return v;
    }
}
