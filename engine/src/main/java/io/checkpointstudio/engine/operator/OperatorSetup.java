package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.record.Schema;

/**
 * What an {@link OperatorFactory} gets: the validated parameters, the input and output schemas derived at
 * validation, the key field for keyed operators, and the compiler for expressions.
 */
public record OperatorSetup(
        String operatorId,
        OperatorDescriptor descriptor,
        Params params,
        Schema inputSchema,
        Schema outputSchema,
        String keyField,
        ExpressionCompiler compiler) {
}
