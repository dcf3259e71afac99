package io.checkpointstudio.engine.state;

import java.nio.charset.StandardCharsets;

/** Reads what a {@link ByteWriter} wrote, from a byte array. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public byte[] buffer() {
        return buf;
    }

    public boolean hasMore() {
        return pos < end;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IllegalStateException("corrupt state: a value ends past its entry");
        }
    }

    public int readByte() {
        need(1);
        return buf[pos++];
    }

    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public String readString() {
        int n = readInt();
        if (n < 0) {
            return null;
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }
}
