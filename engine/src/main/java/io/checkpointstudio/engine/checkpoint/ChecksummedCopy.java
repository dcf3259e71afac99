package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/** Copies a file into a checkpoint and returns the CRC-32 of what it wrote, for the metadata to record. */
public final class ChecksummedCopy {
    private static final int BUFFER = 1 << 18;

    private ChecksummedCopy() {
    }

    /** Copies {@code from} to {@code to} (replacing it); a failed write names {@code to}. */
    public static long copy(Path from, Path to) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(from)) {
            try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new IOException("cannot write " + to + ": " + e.getMessage(), e);
            }
        }
        return crc.getValue();
    }
}
