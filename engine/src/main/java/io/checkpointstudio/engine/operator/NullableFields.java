package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of an operator's output fields can be null, from which of its input fields can (only strings can:
 * a JSON line without the field, or an expression that gives null). Validation uses it to warn at a key-by
 * whose key can be null, since a record with a null key fails the job there, on Flink too.
 */
@FunctionalInterface
public interface NullableFields {
    /** The output fields that can be null, given the operator's parameters and the input fields that can be. */
    Set<String> derive(Params params, Set<String> nullableInput, Schema output);

    /** The default: a field passed on under its name can be null if it could be before; fields an operator makes cannot. */
    NullableFields PASS_THROUGH = (params, nullableInput, output) -> output.names().stream()
            .filter(nullableInput::contains).collect(Collectors.toUnmodifiableSet());

    /** Every string field of the schema. */
    static Set<String> strings(Schema schema) {
        return schema.fields().stream().filter(f -> f.type() == FieldType.STRING).map(Field::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** For the sources that read JSON or CSV lines: a JSON line without a string field (or with null) gives null; CSV never. */
    NullableFields JSON_STRINGS = (params, nullableInput, output) -> "JSON".equals(params.getEnum("format")) ? strings(output) : Set.of();
}
