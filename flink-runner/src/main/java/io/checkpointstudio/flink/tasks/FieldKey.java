package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.operator.keyed.NullKeyException;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Row;

/**
 * key-by: the value of one field (long or string) is the key. A null key fails the task with the engine's
 * message naming the key-by and the field, where Flink itself would say only "Assigned key must not be null!".
 */
public record FieldKey(int index, String keyBy, String field) implements KeySelector<Row, Object> {
    @Override
    public Object getKey(Row row) {
        Object key = row.getField(index);
        if (key == null) {
            throw new NullKeyException(keyBy, field);
        }
        return key;
    }
}
