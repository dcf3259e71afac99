package io.checkpointstudio.flink.tasks;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Row;

/**
 * Event time from a long field of the record (epoch milliseconds). As a timestamp assigner it is the
 * source's half of {@code WatermarkStrategy.forBoundedOutOfOrderness}; as an operator it sets each record's
 * timestamp from the field a window names, passing the watermarks through unchanged, as the engine's
 * window reads its own time field.
 */
public final class EventTimeField extends AbstractStreamOperator<Row>
        implements OneInputStreamOperator<Row, Row>, SerializableTimestampAssigner<Row> {
    private static final long serialVersionUID = 1L;
    private final int index;

    public EventTimeField(int index) {
        this.index = index;
    }

    @Override
    public long extractTimestamp(Row row, long recordTimestamp) {
        return (Long) row.getField(index);
    }

    @Override
    public void processElement(StreamRecord<Row> element) {
        output.collect(element.replace(element.getValue(), (Long) element.getValue().getField(index)));
    }
}
