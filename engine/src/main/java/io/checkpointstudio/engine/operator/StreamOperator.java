package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.record.RecordBatch;

/**
 * A transform or sink: receives batches and may emit batches. The batch it receives is its own: it may
 * change it in place and pass it on, but must not touch it after passing it on.
 */
public interface StreamOperator extends Operator {

    /** Processes one batch of input records. */
    void processBatch(RecordBatch batch, Output out) throws Exception;

    /**
     * The event-time watermark of this subtask's input advanced to {@code watermark} (the minimum over all
     * input channels): no record with a smaller timestamp is expected any more. The default passes it on;
     * operators with event-time timers (windows) fire them first.
     */
    default void processWatermark(long watermark, Output out) throws Exception {
        out.emitWatermark(watermark);
    }

    /**
     * Called about every {@link #processingTimeIntervalMillis()} ms with the wall-clock time, for
     * processing-time timers. Never called when that interval is 0 (the default).
     */
    default void onProcessingTime(long nowMillis, Output out) throws Exception {
    }

    /** How often {@link #onProcessingTime} should be called; 0 for never. */
    default long processingTimeIntervalMillis() {
        return 0;
    }

    /** All inputs have ended: emit what is still held (open windows, buffered rows). Called once. */
    default void endOfInput(Output out) throws Exception {
    }
}
