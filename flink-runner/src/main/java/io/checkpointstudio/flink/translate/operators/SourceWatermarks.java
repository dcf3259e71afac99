package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.source.EventTimeParams;
import io.checkpointstudio.flink.tasks.EventTimeField;
import io.checkpointstudio.flink.tasks.PerRecordWatermarks;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Row;

/**
 * A source's event time, the same for every source: bounded out-of-orderness watermarks over its event-time
 * field, periodic or after every record ({@code watermarkMode}), or none; a source with an idle timeout
 * (kafka-source) marks a split without records for that long idle.
 */
final class SourceWatermarks {
    private SourceWatermarks() {
    }

    static WatermarkStrategy<Row> strategy(ValidatedOperator op) {
        String field = op.params().getString(EventTimeParams.EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            return WatermarkStrategy.noWatermarks();
        }
        Duration outOfOrderness = op.params().getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        Duration bound = outOfOrderness == null ? Duration.ZERO : outOfOrderness;
        WatermarkStrategy<Row> strategy = (EventTimeParams.perRecord(op.params())
                ? WatermarkStrategy.forGenerator(PerRecordWatermarks.supplier(bound.toMillis()))
                : WatermarkStrategy.<Row>forBoundedOutOfOrderness(bound))
                .withTimestampAssigner(new EventTimeField(op.outputSchema().indexOf(field)));
        Duration idle = op.params().getDuration(EventTimeParams.IDLE_TIMEOUT);
        return idle == null || idle.isZero() ? strategy : strategy.withIdleness(idle);
    }

    /** {@link #strategy} as Java source. */
    static String code(ValidatedOperator op) {
        String field = op.params().getString(EventTimeParams.EVENT_TIME_FIELD);
        if (field == null || field.isBlank()) {
            return "WatermarkStrategy.noWatermarks()";
        }
        Duration d = op.params().getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        Duration idle = op.params().getDuration(EventTimeParams.IDLE_TIMEOUT);
        long bound = d == null ? 0 : d.toMillis();
        return (EventTimeParams.perRecord(op.params())
                ? "WatermarkStrategy.<Row>forGenerator(ctx$ -> new PerRecordWatermarks(" + bound + "L))"
                : "WatermarkStrategy.<Row>forBoundedOutOfOrderness(Duration.ofMillis(" + bound + "))")
                + ".withTimestampAssigner((r$, t) -> r$.<Long>getFieldAs(" + op.outputSchema().indexOf(field) + "))"
                + (idle == null || idle.isZero() ? "" : ".withIdleness(Duration.ofMillis(" + idle.toMillis() + "))");
    }
}
