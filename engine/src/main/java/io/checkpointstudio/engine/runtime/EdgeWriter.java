package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.record.RecordBatch;

/** Writes one subtask's output for one task edge into the downstream channels. Used by one thread only. */
abstract class EdgeWriter {
    protected final ChannelTarget[] targets;
    protected final TaskMetrics metrics;

    EdgeWriter(ChannelTarget[] targets, TaskMetrics metrics) {
        this.targets = targets;
        this.metrics = metrics;
    }

    /** Takes ownership of the batch. */
    abstract void emit(RecordBatch batch);

    /** Sends records held back for batching. */
    void flush() {
    }

    /**
     * Sends records held back for batching without waiting for room in full channels: an unaligned barrier
     * follows them at once and overtakes them, and the receiver persists them with the checkpoint.
     */
    void flushOvertaking() {
        flush();
    }

    /**
     * Flushes, then sends the event on every channel (in order after all records before it). Before an
     * unaligned barrier the flush does not wait for back-pressure, as the barrier itself does not.
     */
    final void broadcast(ChannelEvent event) {
        broadcast(event, null);
    }

    /** As {@link #broadcast(ChannelEvent)}; {@code beforePut}, when given, hears each target's index right before the event goes in. */
    final void broadcast(ChannelEvent event, java.util.function.IntConsumer beforePut) {
        if (event instanceof ChannelEvent.Barrier b && b.unaligned()) {
            flushOvertaking();
        } else {
            flush();
        }
        for (int i = 0; i < targets.length; i++) {
            if (beforePut != null) {
                beforePut.accept(i);
            }
            targets[i].put(event, metrics);
        }
    }

    static final class Forward extends EdgeWriter {
        Forward(ChannelTarget target, TaskMetrics metrics) {
            super(new ChannelTarget[] {target}, metrics);
        }

        @Override
        void emit(RecordBatch batch) {
            targets[0].put(batch, metrics);
        }
    }

    static final class Rebalance extends EdgeWriter {
        private int next;

        Rebalance(ChannelTarget[] targets, int startAt, TaskMetrics metrics) {
            super(targets, metrics);
            this.next = startAt % targets.length;
        }

        @Override
        void emit(RecordBatch batch) {
            targets[next].put(batch, metrics);
            next = next + 1 == targets.length ? 0 : next + 1;
        }
    }
}
