package io.checkpointstudio.engine.runtime;

/** Control elements that travel in channels between record batches. */
public sealed interface ChannelEvent permits ChannelEvent.Watermark, ChannelEvent.Barrier, ChannelEvent.EndOfData,
        ChannelEvent.EndOfPartition {

    /** No record with an event time below {@code timestamp} will follow on this channel. */
    record Watermark(long timestamp) implements ChannelEvent {
    }

    /**
     * Checkpoint barrier {@code checkpointId}: records before it belong to the checkpoint, records after it
     * do not. An unaligned barrier overtakes the records queued before it; the receiver persists those.
     *
     * @param timestamp        when the checkpoint was triggered (epoch ms), for start delay
     * @param alignedTimeoutMs for aligned barriers with unaligned checkpoints enabled: switch to unaligned
     *                         when the checkpoint is older than this; 0 = never switch
     */
    record Barrier(long checkpointId, long timestamp, boolean unaligned, long alignedTimeoutMs, boolean savepoint) implements ChannelEvent {
        Barrier asUnaligned() {
            return new Barrier(checkpointId, timestamp, true, 0, savepoint);
        }
    }

    /** The upstream subtask has no more records; a final checkpoint may still follow before {@link EndOfPartition}. */
    record EndOfData() implements ChannelEvent {
        public static final EndOfData INSTANCE = new EndOfData();
    }

    /** The upstream subtask has finished; nothing more will come on this channel. */
    record EndOfPartition() implements ChannelEvent {
        public static final EndOfPartition INSTANCE = new EndOfPartition();
    }
}
