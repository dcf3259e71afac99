package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.SchemaContext;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;

/**
 * The watermark strategy every source can declare, as Flink's {@code WatermarkStrategy.forBoundedOutOfOrderness}:
 * which field holds the event time (epoch milliseconds) and how far out of order records may arrive.
 * Watermarks are then {@code max event time seen - maxOutOfOrderness - 1}.
 */
public final class EventTimeParams {
    public static final String EVENT_TIME_FIELD = "eventTimeField";
    public static final String MAX_OUT_OF_ORDERNESS = "maxOutOfOrderness";
    public static final String IDLE_TIMEOUT = "idleTimeout";

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
