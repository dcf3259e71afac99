package io.checkpointstudio.engine.runtime;

/** Control elements that travel in channels between record batches. */
public sealed interface ChannelEvent permits ChannelEvent.Watermark, ChannelEvent.EndOfPartition {

    /** No record with an event time below {@code timestamp} will follow on this channel. */
    record Watermark(long timestamp) implements ChannelEvent {
    }

    /** The upstream subtask has finished; nothing more will come on this channel. */
    record EndOfPartition() implements ChannelEvent {
        public static final EndOfPartition INSTANCE = new EndOfPartition();
    }
}
