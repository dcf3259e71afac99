package io.checkpointstudio.engine.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small helpers to encode list-state entries (source positions and the like) as bytes. */
public final class Bytes {
    private Bytes() {
    }

    /** Encodes longs. */
    public static byte[] ofLongs(long... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(values.length * 8);
        try (DataOutputStream out = new DataOutputStream(b)) {
            for (long v : values) {
                out.writeLong(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    public static long[] toLongs(byte[] bytes) {
        long[] values = new long[bytes.length / 8];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readLong();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
