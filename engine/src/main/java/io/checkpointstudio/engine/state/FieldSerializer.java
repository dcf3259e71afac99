package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.record.FieldType;
import java.util.Locale;

/** One value of a record field type: long and double as 8 bytes, boolean as 1, string length-prefixed UTF-8. */
public final class FieldSerializer<T> implements StateSerializer<T> {
    public static final FieldSerializer<Long> LONG = new FieldSerializer<>(FieldType.LONG);
    public static final FieldSerializer<Double> DOUBLE = new FieldSerializer<>(FieldType.DOUBLE);
    public static final FieldSerializer<Boolean> BOOLEAN = new FieldSerializer<>(FieldType.BOOLEAN);
    public static final FieldSerializer<String> STRING = new FieldSerializer<>(FieldType.STRING);

    private final FieldType type;

    private FieldSerializer(FieldType type) {
        this.type = type;
    }

    @SuppressWarnings("unchecked")
    public static <T> FieldSerializer<T> of(FieldType type) {
        return (FieldSerializer<T>) switch (type) {
            case LONG -> LONG;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
        };
    }

    public FieldType type() {
        return type;
    }

    @Override
    public void write(T value, ByteWriter out) {
        switch (type) {
            case LONG -> out.writeLong((Long) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case STRING -> out.writeString((String) value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(ByteReader in) {
        return (T) switch (type) {
            case LONG -> (Object) in.readLong();
            case DOUBLE -> (Object) in.readDouble();
            case BOOLEAN -> (Object) in.readBoolean();
            case STRING -> in.readString();
        };
    }

    @Override
    public void skip(ByteReader in) {
        switch (type) {
            case LONG, DOUBLE -> in.skip(8);
            case BOOLEAN -> in.skip(1);
            case STRING -> {
                int n = in.readInt();
                in.skip(Math.max(0, n));
            }
        }
    }

    @Override
    public String signature() {
        return type.jsonName();
    }

    @Override
    public String toText(T value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
        }
        return String.valueOf(value);
    }
}
