package io.checkpointstudio.engine.operator;

/** Creates one runtime instance of an operator for one subtask. */
@FunctionalInterface
public interface OperatorFactory {
    Operator create(OperatorSetup setup) throws Exception;
}
