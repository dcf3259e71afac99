package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.KeyedBackendSpec;

/**
 * What an {@link OperatorFactory} gets: the validated parameters, the input and output schemas derived at
 * validation, the key field for keyed operators, the compiler for expressions, and the state backend of keyed state
 * (null: the heap).
 */
public record OperatorSetup(
        String operatorId,
        OperatorDescriptor descriptor,
        Params params,
        Schema inputSchema,
        Schema outputSchema,
        String keyField,
        ExpressionCompiler compiler,
        KeyedBackendSpec stateBackend) {

    /** A setup on the heap backend (tests and tools that run operators outside a job). */
    public OperatorSetup(String operatorId, OperatorDescriptor descriptor, Params params, Schema inputSchema, Schema outputSchema,
                         String keyField, ExpressionCompiler compiler) {
        this(operatorId, descriptor, params, inputSchema, outputSchema, keyField, compiler, null);
    }
}
