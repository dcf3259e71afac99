package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SchemaContext;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;

/**
 * The watermark strategy every source can declare, as Flink's {@code WatermarkStrategy.forBoundedOutOfOrderness}:
 * which field holds the event time (epoch milliseconds) and how far out of order records may arrive.
 * Watermarks are then {@code max event time seen - maxOutOfOrderness - 1}, sent every
 * {@code pipeline.auto-watermark-interval} (0: none before the end of the input), or, with
 * {@code watermarkMode: PER_RECORD}, right after every record that raises them (a Flink watermark generator
 * that emits in {@code onEvent}).
 */
public final class EventTimeParams {
    public static final String EVENT_TIME_FIELD = "eventTimeField";
    public static final String MAX_OUT_OF_ORDERNESS = "maxOutOfOrderness";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    public static final String WATERMARK_MODE = "watermarkMode";
    public static final String PERIODIC = "PERIODIC";
    public static final String PER_RECORD = "PER_RECORD";

    private EventTimeParams() {
    }

    public static List<ParamDescriptor> descriptors() {
        return List.of(
                ParamDescriptor.builder(EVENT_TIME_FIELD, ParamType.FIELD).label("Event-time field")
                        .summary("Field with each record's event time in epoch milliseconds; set it to generate watermarks for event-time windows").build(),
                ParamDescriptor.builder(MAX_OUT_OF_ORDERNESS, ParamType.DURATION).label("Max out-of-orderness").defaultValue("0ms").min(0)
                        .summary("How late a record may arrive relative to the latest event time seen").build());
    }

    /**
     * When watermarks are sent: every auto-watermark interval, or after every record. For the sources whose
     * watermarks follow their records in one stream (not Kafka's per-partition watermarks).
     */
    public static ParamDescriptor watermarkModeDescriptor() {
        return ParamDescriptor.builder(WATERMARK_MODE, ParamType.ENUM).label("Watermark mode").values(PERIODIC, PER_RECORD).defaultValue(PERIODIC)
                .summary("PERIODIC: a watermark every pipeline.auto-watermark-interval (0: none until the input ends);"
                        + " PER_RECORD: one after every record that raises it, so which records are late depends only on the input's order")
                .build();
    }

    /** Whether the source sends a watermark after every record that raises it ({@code watermarkMode: PER_RECORD}). */
    public static boolean perRecord(Params params) {
        return PER_RECORD.equals(params.getEnum(WATERMARK_MODE));
    }

    /**
     * For sources that read several splits (Kafka partitions) and track a watermark per split, as Flink's
     * {@code WatermarkStrategy.withIdleness}: a split without records for this long no longer holds the
     * watermark back.
     */
    public static ParamDescriptor idleTimeoutDescriptor() {
        return ParamDescriptor.builder(IDLE_TIMEOUT, ParamType.DURATION).label("Idle timeout").defaultValue("0ms").min(0)
                .summary("A partition without records for this long is idle and no longer holds the watermark back; 0: never idle").build();
    }

    /** Checks that the declared event-time field exists in the source's output and is a long. */
    public static void check(SchemaContext ctx, Schema output) {
        String field = ctx.params().getString(EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            if (ctx.params().isSet(WATERMARK_MODE)) {
                ctx.warning(WATERMARK_MODE, "has no effect without an eventTimeField: this source sends no watermarks"
                        + " before the end of its input");
            }
            return;
        }
        var f = output.find(field);
        if (f.isEmpty()) {
            ctx.error(EVENT_TIME_FIELD, "field '" + field + "' does not exist"
                    + io.checkpointstudio.engine.job.Suggestions.didYouMean(field, output.names()) + "; this source gives " + String.join(", ", output.names()));
        } else if (f.get().type() != FieldType.LONG) {
            ctx.error(EVENT_TIME_FIELD, "field '" + field + "' is " + f.get().type().jsonName() + "; event time must be a long (epoch milliseconds)");
        }
    }
}
