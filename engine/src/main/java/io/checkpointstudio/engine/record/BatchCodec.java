package io.checkpointstudio.engine.record;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Binary form of a batch, column by column; used for in-flight data persisted by unaligned checkpoints. */
public final class BatchCodec {
    private BatchCodec() {
    }

    public static void write(DataOutputStream out, RecordBatch batch) throws IOException {
        int n = batch.size();
        out.writeInt(n);
        Schema schema = batch.schema();
        for (int c = 0; c < schema.size(); c++) {
            switch (schema.type(c)) {
                case LONG -> {
                    long[] v = batch.longs(c);
                    for (int i = 0; i < n; i++) {
                        out.writeLong(v[i]);
                    }
                }
                case DOUBLE -> {
                    double[] v = batch.doubles(c);
                    for (int i = 0; i < n; i++) {
                        out.writeDouble(v[i]);
                    }
                }
                case BOOLEAN -> {
                    boolean[] v = batch.booleans(c);
                    for (int i = 0; i < n; i++) {
                        out.writeBoolean(v[i]);
                    }
                }
                case STRING -> {
                    String[] v = batch.strings(c);
                    for (int i = 0; i < n; i++) {
                        out.writeBoolean(v[i] != null);
                        if (v[i] != null) {
                            out.writeUTF(v[i]);
                        }
                    }
                }
            }
        }
    }

    public static RecordBatch read(DataInputStream in, Schema schema) throws IOException {
        int n = in.readInt();
        RecordBatch batch = RecordBatch.allocate(schema, Math.max(1, n));
        for (int c = 0; c < schema.size(); c++) {
            switch (schema.type(c)) {
                case LONG -> {
                    long[] v = batch.longs(c);
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readLong();
                    }
                }
                case DOUBLE -> {
                    double[] v = batch.doubles(c);
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readDouble();
                    }
                }
                case BOOLEAN -> {
                    boolean[] v = batch.booleans(c);
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readBoolean();
                    }
                }
                case STRING -> {
                    String[] v = batch.strings(c);
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readBoolean() ? in.readUTF() : null;
                    }
                }
            }
        }
        batch.setSize(n);
        return batch;
    }

    /** The approximate number of bytes the batch's records occupy (for processed in-flight figures). */
    public static long estimateBytes(RecordBatch batch) {
        long n = batch.size();
        long bytes = 0;
        Schema schema = batch.schema();
        for (int c = 0; c < schema.size(); c++) {
            switch (schema.type(c)) {
                case LONG, DOUBLE -> bytes += 8 * n;
                case BOOLEAN -> bytes += n;
                case STRING -> {
                    String[] v = batch.strings(c);
                    for (int i = 0; i < n; i++) {
                        bytes += 2 + (v[i] == null ? 0 : v[i].length());
                    }
                }
            }
        }
        return bytes;
    }
}
