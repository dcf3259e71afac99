package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Row;

/**
 * How the engine's records travel on Flink: a positional {@link Row} whose fields are in the schema's order,
 * typed by a {@link RowTypeInfo} made from the schema (long, double, boolean, string), so Flink serializes
 * them with its own row serializer and never falls back to Kryo.
 */
public final class Rows {
    private Rows() {
    }

    public static RowTypeInfo typeOf(Schema schema) {
        TypeInformation<?>[] types = new TypeInformation<?>[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = typeOf(schema.type(i));
        }
        return new RowTypeInfo(types, schema.names().toArray(String[]::new));
    }

    public static TypeInformation<?> typeOf(FieldType type) {
        return switch (type) {
            case LONG -> Types.LONG;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case STRING -> Types.STRING;
        };
    }

    /** Writes {@code row} into row 0 of a one-record batch of the same schema (sets its size to 1). */
    public static void intoBatch(Row row, RecordBatch batch) {
        for (int c = 0; c < batch.schema().size(); c++) {
            batch.setValue(0, c, row.getField(c));
        }
        batch.setSize(1);
    }

    /** Row {@code index} of a batch as a Flink row. */
    public static Row fromBatch(RecordBatch batch, int index) {
        return Row.of(batch.row(index));
    }
}
