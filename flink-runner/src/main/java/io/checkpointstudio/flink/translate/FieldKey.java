package io.checkpointstudio.flink.translate;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Row;

/** key-by: the value of one field (long or string) is the key. */
record FieldKey(int index) implements KeySelector<Row, Object> {
    @Override
    public Object getKey(Row row) {
        return row.getField(index);
    }
}
