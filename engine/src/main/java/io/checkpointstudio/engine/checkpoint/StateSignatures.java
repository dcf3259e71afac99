package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.Schema;
import java.util.stream.Collectors;

/**
 * A short description of what an operator's state looks like, recorded in every checkpoint: for keyed
 * operators the type, the key's type and the fields it keeps; for others the type. Two signatures that
 * differ mean the new job cannot read the old state (a restore pre-check calls that "incompatible").
 */
public final class StateSignatures {
    private StateSignatures() {
    }

    public static String of(ValidatedOperator op) {
        String type = op.descriptor().type();
        if (!op.descriptor().keyed() || op.keyField() == null) {
            return type;
        }
        Schema in = op.inputSchema();
        String keyType = in.find(op.keyField()).map(f -> f.type().jsonName()).orElse("?");
        String values = op.outputSchema().fields().stream().filter(f -> !f.name().equals(op.keyField()))
                .map(Field::toString).collect(Collectors.joining(", "));
        return type + " key " + keyType + " -> " + values;
    }

    /** The key type in a signature ("long", "string"), or null for operators without keyed state. */
    public static String keyType(String signature) {
        if (signature == null || !signature.contains(" key ")) {
            return null;
        }
        String rest = signature.substring(signature.indexOf(" key ") + 5);
        return rest.substring(0, rest.indexOf(' '));
    }
}
