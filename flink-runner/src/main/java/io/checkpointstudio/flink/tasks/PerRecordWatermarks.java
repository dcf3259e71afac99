package io.checkpointstudio.flink.tasks;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Row;

/**
 * A source's {@code watermarkMode: PER_RECORD}: bounded-out-of-orderness watermarks
 * ({@code largest event time seen - outOfOrderness - 1}) sent right after every record that raises them
 * rather than every auto-watermark interval, as the engine's sources do in that mode.
 */
public final class PerRecordWatermarks implements WatermarkGenerator<Row> {
    private final long outOfOrderness;
    private long emitted = Long.MIN_VALUE;

    private PerRecordWatermarks(long outOfOrderness) {
        this.outOfOrderness = outOfOrderness;
    }

    public static WatermarkGeneratorSupplier<Row> supplier(long outOfOrderness) {
        return context -> new PerRecordWatermarks(outOfOrderness);
    }

    @Override
    public void onEvent(Row event, long eventTimestamp, WatermarkOutput output) {
        long watermark = eventTimestamp - outOfOrderness - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // every watermark went out with the record that raised it
    }
}
