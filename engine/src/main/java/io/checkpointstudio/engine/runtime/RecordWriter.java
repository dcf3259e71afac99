package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.record.RecordBatch;
import java.util.List;

/**
 * The output of a task's last chained operator: writes to every outgoing task edge. Downstream operators
 * may change a batch in place, so every edge but the last gets its own copy.
 */
final class RecordWriter implements Output {
    private final EdgeWriter[] edges;
    private final Counter recordsOut;
    private final long bufferTimeoutNanos;
    private long lastFlush = System.nanoTime();

    RecordWriter(List<EdgeWriter> edges, Counter recordsOut, long bufferTimeoutNanos) {
        this.edges = edges.toArray(new EdgeWriter[0]);
        this.recordsOut = recordsOut;
        this.bufferTimeoutNanos = bufferTimeoutNanos;
    }

    @Override
    public void emit(RecordBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        recordsOut.add(batch.size());
        for (int i = 0; i < edges.length; i++) {
            edges[i].emit(i == edges.length - 1 ? batch : batch.copy());
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        broadcast(new ChannelEvent.Watermark(watermark));
    }

    void broadcast(ChannelEvent event) {
        for (EdgeWriter e : edges) {
            e.broadcast(event);
        }
        lastFlush = System.nanoTime();
    }

    /** Broadcasts a barrier and traces each channel it goes into, just before it does. */
    void broadcastTraced(ChannelEvent.Barrier barrier, BarrierTracer.SubtaskTrace trace) {
        for (int i = 0; i < edges.length; i++) {
            int edge = i;
            edges[i].broadcast(barrier, target -> trace.sent(barrier, edge, target));
        }
        lastFlush = System.nanoTime();
    }

    void flush() {
        for (EdgeWriter e : edges) {
            e.flush();
        }
        lastFlush = System.nanoTime();
    }

    /** Flushes when records have been held back longer than the buffer timeout. */
    void flushIfDue(long now) {
        if (now - lastFlush >= bufferTimeoutNanos) {
            flush();
        }
    }
}
