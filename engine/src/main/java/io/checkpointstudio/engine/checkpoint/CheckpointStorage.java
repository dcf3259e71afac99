package io.checkpointstudio.engine.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Checkpoints on a file system: {@code <dir>/<job-id>/chk-<n>/} holds the state files and, written last
 * and atomically, {@code _metadata}: JSON, then a final line {@code #crc32=<hex> length=<n>} over the JSON,
 * so a torn or corrupted file is recognised and the checkpoint is treated as never completed.
 */
public final class CheckpointStorage {
    public static final String METADATA = "_metadata";
    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path jobDir;

    public CheckpointStorage(Path checkpointsRoot, String jobId) {
        this.jobDir = checkpointsRoot.resolve(jobId);
    }

    public Path jobDir() {
        return jobDir;
    }

    public Path checkpointDir(long checkpointId) {
        return jobDir.resolve("chk-" + checkpointId);
    }

    /** Creates the folder of a new checkpoint. */
    public Path create(long checkpointId) throws IOException {
        Path dir = checkpointDir(checkpointId);
        Files.createDirectories(dir);
        return dir;
    }

    /** Writes {@code _metadata} last: to a temporary file, forced to disk, then renamed into place. */
    public static void writeMetadata(Path checkpointDir, CheckpointMetadata metadata) throws IOException {
        byte[] json = JSON.writeValueAsBytes(metadata);
        CRC32 crc = new CRC32();
        crc.update(json);
        String trailer = "\n#crc32=" + Long.toHexString(crc.getValue()) + " length=" + json.length + "\n";
        Path tmp = checkpointDir.resolve(METADATA + ".inprogress");
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(json));
            ch.write(java.nio.ByteBuffer.wrap(trailer.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, checkpointDir.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, checkpointDir.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads and verifies {@code _metadata}; throws with a message naming the file when it is missing or bad. */
    public static CheckpointMetadata readMetadata(Path checkpointDir) throws IOException {
        Path file = checkpointDir.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: the checkpoint never completed");
        }
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf("\n#crc32=");
        if (cut < 0) {
            throw new IOException(file + " has no checksum line: it is truncated or not a checkpoint's metadata");
        }
        Matcher m = Pattern.compile("#crc32=([0-9a-f]+) length=(\\d+)").matcher(text.substring(cut + 1).trim());
        byte[] json = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        if (!m.matches() || Long.parseLong(m.group(2)) != json.length) {
            throw new IOException(file + " is truncated or damaged (length does not match its checksum line)");
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        if (crc.getValue() != Long.parseLong(m.group(1), 16)) {
            throw new IOException(file + " is damaged: its checksum does not match");
        }
        // the format first: the fields of another format may not even parse
        var tree = JSON.readTree(json);
        String format = tree.path("format").asText("");
        if (!CheckpointMetadata.FORMAT.equals(format)) {
            throw new IOException(formatProblem(file, format));
        }
        return JSON.treeToValue(tree, CheckpointMetadata.class);
    }

    private static String formatProblem(Path file, String format) {
        String ours = CheckpointMetadata.FORMAT.substring(CheckpointMetadata.FORMAT_PREFIX.length());
        if (format.startsWith(CheckpointMetadata.FORMAT_PREFIX)) {
            String version = format.substring(CheckpointMetadata.FORMAT_PREFIX.length());
            boolean older = version.compareTo(ours) < 0 && version.length() <= ours.length();
            return file + " was written by " + (older ? "an older" : "a newer") + " version of Checkpoint Studio (format @" + version
                    + "); this version reads @" + ours + (older ? "; take a new savepoint with the version that wrote it, or start the job without it"
                    : "; use that version (or a newer one) to restore it");
        }
        return file + " has format '" + format + "', not a checkpoint of Checkpoint Studio; this version reads " + CheckpointMetadata.FORMAT;
    }

    /** Completed checkpoint folders of a job folder, newest first (by number); whether valid is not checked here. */
    public static List<Path> checkpointDirs(Path jobDir) throws IOException {
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(jobDir)) {
            list.filter(p -> CHK.matcher(p.getFileName().toString()).matches()).forEach(dirs::add);
        }
        dirs.sort(Comparator.comparingLong(CheckpointStorage::number).reversed());
        return dirs;
    }

    static long number(Path chkDir) {
        Matcher m = CHK.matcher(chkDir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether a folder is a checkpoint or savepoint (holds {@code _metadata}). */
    public static boolean isSnapshot(Path dir) {
        return Files.isRegularFile(dir.resolve(METADATA));
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
