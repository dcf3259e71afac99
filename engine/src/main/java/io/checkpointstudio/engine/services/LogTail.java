package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server's log, read from its end (the logs can be large). */
final class LogTail {
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    static List<String> last(Path log, int lines) {
        if (log == null || lines <= 0 || !Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            f.seek(length - size);
            f.readFully(bytes);
            List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (size < length && !all.isEmpty()) {
                all.remove(0); // cut in the middle of a line
            }
            all.removeIf(String::isBlank);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** Keeps one older log: a log over 10 MB becomes NAME.1.log when its server starts again. */
    static void rotate(Path log) throws IOException {
        if (Files.isRegularFile(log) && Files.size(log) > 10L * 1024 * 1024) {
            String name = log.getFileName().toString();
            String older = name.endsWith(".log") ? name.substring(0, name.length() - 4) + ".1.log" : name + ".1";
            Files.move(log, log.resolveSibling(older), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
