package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.record.Schema;

/**
 * Derives an operator's output schema from its input schema and parameters, reporting problems (an
 * unknown field, a bad expression) through the context. Runs at validation time, so the designer can
 * say "field userId does not exist" before anything runs.
 */
@FunctionalInterface
public interface SchemaDeriver {
    /** The output schema, or null when it cannot be derived (problems were reported). Sinks return their input. */
    Schema derive(SchemaContext context);
}
