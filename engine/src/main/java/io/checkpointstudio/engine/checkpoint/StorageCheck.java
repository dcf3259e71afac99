package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * Whether checkpoints can be written into a folder, checked before a job starts and before it restarts:
 * the folder exists or can be created, is a folder, takes a file, and has room for the next checkpoint (as
 * large as the last one, plus a margin). A problem is an {@link IOException} whose message names the
 * folder and the option that set it, and starts with "No space left on device" when room is what is missing.
 */
public final class StorageCheck {
    /** Room kept free beyond the expected checkpoint: metadata, block rounding, a small first checkpoint. */
    public static final long MARGIN_BYTES = 1L << 20;
    private static final String NO_SPACE = "No space left on device";

    private StorageCheck() {
    }

    /**
     * Checks {@code dir} for a checkpoint of about {@code expectedBytes} ({@code basis} says where that
     * figure comes from, e.g. "the last checkpoint"); {@code option} is the option's key as the job wrote it.
     */
    public static void checkpointDirectory(Path dir, long expectedBytes, String basis, String option) throws IOException {
        String where = option + " " + dir;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(where + " is a file, not a folder, so no checkpoint can be written there; point " + option
                    + " at a folder (or move the file away)");
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IOException("cannot create " + where + ": " + p + " is a file, not a folder; point " + option + " at a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + where + ": " + e.getFile() + " is a file, not a folder; point " + option
                    + " at a folder", e);
        } catch (IOException e) {
            throw new IOException(isNoSpace(e) ? NO_SPACE + ": cannot create " + where + "; free space or point " + option + " at another disk"
                    : "cannot create " + where + ": " + e.getMessage() + "; check the path and its permissions", e);
        }
        Path probe = dir.resolve(".write-check-" + UUID.randomUUID());
        try (OutputStream out = Files.newOutputStream(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC)) {
            out.write(new byte[4096]);
        } catch (IOException e) {
            throw new IOException(isNoSpace(e) ? NO_SPACE + ": cannot write into " + where + "; free space or point " + option + " at another disk"
                    : "cannot write into " + where + ": " + e.getMessage() + "; check its permissions", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a probe left behind is harmless; the check's own verdict matters
            }
        }
        long needed = expectedBytes + MARGIN_BYTES;
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < needed) {
            throw new IOException(NO_SPACE + ": " + where + " has " + bytes(free) + " free, but the next checkpoint needs about "
                    + bytes(needed) + " (" + (expectedBytes > 0 ? bytes(expectedBytes) + ", " + basis + ", plus " : "")
                    + bytes(MARGIN_BYTES) + " to spare); free space or point " + option + " at another disk");
        }
    }

    /**
     * The kind of storage failure {@code t} (or one of its causes) reports, by the operating system's words:
     * out of space, a read-only file system, a path through a file, or no permission; null for other failures.
     */
    public static String failureKind(Throwable t) {
        if (isNoSpace(t)) {
            return NO_SPACE;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                continue;
            }
            for (String kind : new String[] {"Read-only file system", "Not a directory", "Permission denied"}) {
                if (m.contains(kind)) {
                    return kind;
                }
            }
            if (c instanceof java.nio.file.AccessDeniedException) {
                return "Permission denied";
            }
            if (c instanceof java.nio.file.NotDirectoryException) {
                return "Not a directory";
            }
        }
        return null;
    }

    /** Whether a failure (or one of its causes) is a file system out of space. */
    public static boolean isNoSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains(NO_SPACE) || m.contains("not enough space on the disk") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (1024.0 * 1024 * 1024));
    }
}
