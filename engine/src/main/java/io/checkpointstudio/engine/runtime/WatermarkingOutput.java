package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.source.EventTimeParams;
import io.checkpointstudio.engine.record.RecordBatch;
import java.time.Duration;

/**
 * Generates bounded-out-of-orderness watermarks behind a source: tracks the largest event time seen and
 * emits {@code max - outOfOrderness - 1} at most every auto-watermark interval, or, with
 * {@code watermarkMode: PER_RECORD}, right after every record that raises it (the batch is split there),
 * which makes late records depend only on the input's order. As in Flink, an interval of 0 means no
 * periodic watermarks: the source is not wrapped, and only the final watermark at the end of its input is sent.
 */
final class WatermarkingOutput implements Output {
    private final Output out;
    private final int timeColumn;
    private final long outOfOrderness;
    /** 0: after every record. */
    private final long intervalNanos;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private long lastEmitNanos;

    private WatermarkingOutput(Output out, int timeColumn, long outOfOrderness, long intervalNanos) {
        this.out = out;
        this.timeColumn = timeColumn;
        this.outOfOrderness = outOfOrderness;
        this.intervalNanos = intervalNanos;
    }

    static Output wrapIfConfigured(ValidatedOperator source, Output out, long intervalNanos) {
        String field = source.params().getString(EventTimeParams.EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            return out;
        }
        boolean perRecord = EventTimeParams.perRecord(source.params());
        if (!perRecord && intervalNanos == 0) {
            return out;
        }
        Duration ooo = source.params().getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        return new WatermarkingOutput(out, source.outputSchema().indexOf(field), ooo == null ? 0 : ooo.toMillis(),
                perRecord ? 0 : intervalNanos);
    }

    @Override
    public void emit(RecordBatch batch) {
        long[] ts = batch.longs(timeColumn);
        int n = batch.size();
        if (intervalNanos > 0) {
            for (int i = 0; i < n; i++) {
                if (ts[i] > maxTimestamp) {
                    maxTimestamp = ts[i];
                }
            }
            out.emit(batch);
            long now = System.nanoTime();
            if (now - lastEmitNanos >= intervalNanos) {
                emitPendingWatermark();
                lastEmitNanos = now;
            }
            return;
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (ts[i] > maxTimestamp) {
                maxTimestamp = ts[i];
                if (current() > emitted) {
                    emitRange(batch, start, i + 1);
                    start = i + 1;
                    emitPendingWatermark();
                }
            }
        }
        emitRange(batch, start, n);
    }

    private void emitRange(RecordBatch batch, int from, int to) {
        if (from == 0 && to == batch.size()) {
            out.emit(batch);
            return;
        }
        if (to <= from) {
            return;
        }
        RecordBatch part = RecordBatch.allocate(batch.schema(), to - from);
        for (int i = from; i < to; i++) {
            part.appendRow(batch, i);
        }
        out.emit(part);
    }

    private long current() {
        return maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrderness - 1;
    }

    /** Emits the watermark of what has been seen, if it advanced. */
    void emitPendingWatermark() {
        long w = current();
        if (w > emitted) {
            emitted = w;
            out.emitWatermark(w);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        if (watermark > emitted) {
            emitted = watermark;
            out.emitWatermark(watermark);
        }
    }
}
