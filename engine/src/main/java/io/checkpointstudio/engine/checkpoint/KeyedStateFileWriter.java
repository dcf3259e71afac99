package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.state.KeyGroupWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Writes one operator subtask's keyed state to a file, remembering where each key-group section starts. */
public final class KeyedStateFileWriter implements KeyGroupWriter, AutoCloseable {
    private final Path file;
    private final int firstKeyGroup;
    private final int lastKeyGroup;
    private final long[] offsets;
    private final CountingOutput counting;
    private final DataOutputStream out;
    private int lastGroup = -1;

    public KeyedStateFileWriter(Path file, int firstKeyGroup, int lastKeyGroup) throws IOException {
        this.file = file;
        this.firstKeyGroup = firstKeyGroup;
        this.lastKeyGroup = lastKeyGroup;
        this.offsets = new long[lastKeyGroup - firstKeyGroup + 1];
        Arrays.fill(offsets, -1);
        try {
            this.counting = new CountingOutput(Files.newOutputStream(file), file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        this.out = new DataOutputStream(counting);
    }

    @Override
    public DataOutputStream beginKeyGroup(int keyGroup) throws IOException {
        if (keyGroup < firstKeyGroup || keyGroup > lastKeyGroup) {
            throw new IOException("key group " + keyGroup + " is outside this subtask's range " + firstKeyGroup + ".." + lastKeyGroup);
        }
        if (keyGroup <= lastGroup) {
            throw new IOException("key groups must be written in increasing order (" + keyGroup + " after " + lastGroup + ")");
        }
        offsets[keyGroup - firstKeyGroup] = counting.position();
        lastGroup = keyGroup;
        return out;
    }

    public KeyedStateHandle finish() throws IOException {
        out.flush();
        out.close();
        return new KeyedStateHandle(file.getFileName().toString(), firstKeyGroup, lastKeyGroup, offsets, counting.position(), counting.crc.getValue());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A failed write names the file: "No space left on device" alone does not say where. */
    private static IOException cannotWrite(Path file, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot write ")) {
            return e;
        }
        return new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }

    /**
     * Buffers without locking (one writer thread), and counts and checksums whole buffers, so writing a
     * long costs an array store rather than a synchronized call and a checksum update.
     */
    private static final class CountingOutput extends OutputStream {
        private final OutputStream out;
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[1 << 16];
        private int used;
        private long flushed;

        private final Path file;

        CountingOutput(OutputStream out, Path file) {
            this.out = out;
            this.file = file;
        }

        long position() {
            return flushed + used;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                drain();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    drain();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void drain() throws IOException {
            crc.update(buffer, 0, used);
            try {
                out.write(buffer, 0, used);
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            flushed += used;
            used = 0;
        }

        @Override
        public void flush() throws IOException {
            drain();
            try {
                out.flush();
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
        }

        @Override
        public void close() throws IOException {
            drain();
            try {
                out.close();
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
        }
    }
}
