package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tuple of named fields as an {@code Object[]} (window accumulators and the like). State never changes a
 * row it was given: an update puts a new row, which is what lets heap snapshots share rows with the live state.
 */
public final class RowSerializer implements StateSerializer<Object[]> {
    private final List<Field> fields;
    private final FieldSerializer<Object>[] serializers;

    @SuppressWarnings("unchecked")
    public RowSerializer(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.serializers = new FieldSerializer[fields.size()];
        for (int i = 0; i < serializers.length; i++) {
            serializers[i] = FieldSerializer.of(fields.get(i).type());
        }
    }

    public static RowSerializer of(Field... fields) {
        return new RowSerializer(List.of(fields));
    }

    static RowSerializer parse(String signature) {
        String body = signature.substring(4, signature.length() - 1);
        List<Field> fields = new ArrayList<>();
        for (String part : body.split(",")) {
            String[] nameType = part.split(":");
            fields.add(new Field(nameType[0], FieldType.fromJsonName(nameType[1])
                    .orElseThrow(() -> new IllegalArgumentException("unknown field type in '" + signature + "'"))));
        }
        return new RowSerializer(fields);
    }

    @Override
    public void write(Object[] row, ByteWriter out) {
        for (int i = 0; i < serializers.length; i++) {
            serializers[i].write(row[i], out);
        }
    }

    @Override
    public Object[] read(ByteReader in) {
        Object[] row = new Object[serializers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = serializers[i].read(in);
        }
        return row;
    }

    @Override
    public void skip(ByteReader in) {
        for (FieldSerializer<Object> s : serializers) {
            s.skip(in);
        }
    }

    @Override
    public String signature() {
        return fields.stream().map(f -> f.name() + ":" + f.type().jsonName()).collect(Collectors.joining(",", "row(", ")"));
    }

    @Override
    public String toText(Object[] row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            b.append(i == 0 ? "" : ", ").append(fields.get(i).name()).append('=').append(serializers[i].toText(row[i]));
        }
        return b.toString();
    }
}
