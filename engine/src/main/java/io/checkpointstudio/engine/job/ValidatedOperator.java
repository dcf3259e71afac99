package io.checkpointstudio.engine.job;

import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;

/**
 * An operator that passed validation, with everything derived from it: its descriptor, typed parameters,
 * input and output schemas, the key field for keyed operators, its parallelism and its neighbours.
 */
public record ValidatedOperator(
        OperatorSpec spec,
        OperatorDescriptor descriptor,
        Params params,
        Schema inputSchema,
        Schema outputSchema,
        String keyField,
        int parallelism,
        List<String> inputs,
        List<String> outputs) {

    public String id() {
        return spec.id();
    }

    public boolean isKeyBy() {
        return descriptor.type().equals(io.checkpointstudio.engine.operator.keyed.KeyByOperator.TYPE);
    }
}
