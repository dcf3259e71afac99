package io.checkpointstudio.engine.operator;

/**
 * A source: produces batches. The engine calls {@link #emitNext} in a loop on the subtask's thread and
 * handles everything between calls (checkpoint barriers, cancellation, watermarks), so a source only
 * emits data and says whether more will come.
 */
public interface SourceOperator extends Operator {

    /** What a call to {@link #emitNext} found. */
    enum Status {
        /** Emitted something, or may emit more right away. */
        MORE_AVAILABLE,
        /** Nothing to emit now (rate limit, no new data); the engine waits briefly and calls again. */
        NOTHING_AVAILABLE,
        /** The input is exhausted; the engine will not call again. */
        END_OF_INPUT
    }

    /**
     * Whether this source emits event-time watermarks itself (through {@link Output#emitWatermark}), for
     * example one per Kafka partition combined. Asked once, after construction; when false and the source
     * declares an event-time field, the engine generates the watermarks from the records it emits.
     */
    default boolean generatesWatermarks() {
        return false;
    }

    /** Emits at most one batch (of any size up to the engine's batch size) to {@code out}. */
    Status emitNext(Output out) throws Exception;
}
