package io.checkpointstudio.engine.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Writes and reads the boxed field values of general keyed state with a one-byte type tag. */
public final class Values {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;

    private Values() {
    }

    public static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else {
            throw new IOException("cannot write state value of type " + v.getClass().getName());
        }
    }

    public static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case STRING -> in.readUTF();
            default -> throw new IOException("corrupt state: unknown value tag " + tag);
        };
    }
}
