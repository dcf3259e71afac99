package io.checkpointstudio.engine.operator;

/**
 * The runtime side of an operator: one instance per parallel subtask, always called from that subtask's
 * thread. Implemented through {@link SourceOperator} or {@link StreamOperator}.
 */
public interface Operator {
    /** Called once on the subtask's thread before any record. */
    default void open(OperatorContext context) throws Exception {
    }

    /** Called once when the subtask ends, normally or not; release files and connections here. */
    default void close() throws Exception {
    }

    /**
     * What this subtask hands back when the job has finished (a collect sink's rows, a checksum sink's
     * figures); null for most operators. Called after {@link #close()}.
     */
    default Object result() {
        return null;
    }
}
