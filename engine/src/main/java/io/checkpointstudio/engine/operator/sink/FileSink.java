package io.checkpointstudio.engine.operator.sink;

import io.checkpointstudio.engine.format.LineWriter;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.fault.InjectedFailure;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes records as JSON lines or CSV part files into a folder, as Flink's FileSink does.
 *
 * <p>EXACTLY_ONCE (the default) is Flink's two-phase commit on files: a subtask writes an in-progress
 * file {@code .part-<run>-<subtask>-<n>.<ext>.inprogress}; a checkpoint's barrier closes it and makes it
 * pending for that checkpoint (recorded in the checkpoint with the run, the folder and the next part
 * number), and when the checkpoint completes it is renamed atomically to {@code part-<run>-<subtask>-<n>.<ext>}.
 * Readers only ever look at the committed names. {@code <run>} is the job id of the run that wrote the file
 * ({@link PartFiles}), so a start never deletes, commits or overwrites another run's files, whichever job
 * it belongs to. A restore (an in-process restart, or another run from a checkpoint or savepoint) commits the
 * pending files of the restored checkpoint (it completed) where they were written, and, when it writes into
 * the same folder, deletes the restored run's files numbered after it (written after that checkpoint), so
 * the records replayed from there are written once; it continues the part numbers under its own run.
 * Without checkpointing the last file is committed at the end of the input.
 *
 * <p>AT_LEAST_ONCE writes straight into {@code part-<run>-<subtask>.<ext>}, flushed at every checkpoint:
 * readers see records at once, and after a failure the records replayed since the checkpoint are appended
 * again (a restore in another run writes a new file).
 */
public final class FileSink implements StreamOperator {
    public static final String TYPE = "file-sink";
    /** Test hook: when set to a folder, the next commit of pending part files into it fails before renaming any. */
    static volatile Path failBeforeNextCommitIn;
    /** Starts a list-state entry of this format; an entry of the earlier format (longs, no run) starts with its subtask index. */
    private static final long ENTRY_FORMAT = -2;

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "File sink")
            .summary("Writes JSON lines or CSV part files into a folder, committed with the checkpoints")
            .icon("mdi2f-file-download-outline")
            .exactlyOnceSink()
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("path", ParamType.PATH).label("Folder").required()
                    .summary("The folder for the part files; created if missing").build())
            .param(ParamDescriptor.builder("format", ParamType.ENUM).label("Format").values("JSON", "CSV").defaultValue("JSON")
                    .summary("JSON: one object per line; CSV: values in field order").build())
            .param(ParamDescriptor.builder("header", ParamType.BOOLEAN).label("CSV header").defaultValue(true)
                    .summary("CSV: start each part file with a line of field names").build())
            .param(ParamDescriptor.builder("delimiter", ParamType.STRING).label("Delimiter").defaultValue(",")
                    .summary("CSV: the character between values").build())
            .param(ParamDescriptor.builder("semantic", ParamType.ENUM).label("Semantic").values("EXACTLY_ONCE", "AT_LEAST_ONCE")
                    .defaultValue("EXACTLY_ONCE")
                    .summary("EXACTLY_ONCE: part files are committed when the checkpoint after them completes;"
                            + " AT_LEAST_ONCE: write straight into one file per subtask").build())
            .schema(ctx -> {
                String delimiter = ctx.params().getString("delimiter");
                if (delimiter == null || delimiter.length() != 1) {
                    ctx.error("delimiter", "must be exactly one character, not '" + delimiter + "'");
                }
                String path = ctx.params().getString("path");
                if (path != null && Files.isRegularFile(Path.of(path))) {
                    ctx.error("path", "'" + path + "' is a file; the file sink writes part files into a folder");
                }
                return ctx.input();
            })
            .factory(setup -> new FileSink(setup.params(), setup.inputSchema()))
            .build();

    private final Path folder;
    private final TextFormat format;
    private final boolean header;
    private final boolean exactlyOnce;
    private final LineWriter lines;
    private final StringBuilder buffer = new StringBuilder(64 * 1024);
    private String label = TYPE;
    private int subtask;
    private boolean finalCheckpoint;
    private BufferedWriter writer;
    /** This run's part file names. */
    private PartFiles parts;

    // AT_LEAST_ONCE
    private Path file;
    private boolean restored;

    // EXACTLY_ONCE
    /** The number of the next part file of this subtask. */
    private long counter;
    /** The number of the in-progress part file, or -1 when none is open. */
    private long inProgress = -1;
    /** Part files closed at a checkpoint's barrier, waiting for that checkpoint to complete: checkpoint id to part number. */
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    /** Restored: per original subtask, the files it left. */
    private final List<RestoredParts> restoredEntries = new ArrayList<>();
    private final List<Path> committed = new ArrayList<>();

    /**
     * What a checkpoint keeps of one subtask's part files: the run that wrote them (null: the names of an
     * earlier version) and the folder (null: this sink's folder), the subtask, its next part number and its
     * pending parts as pairs (checkpoint id, part number).
     */
    private record RestoredParts(String run, Path folder, int subtask, long next, long[] pending) {
        static RestoredParts read(byte[] entry) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                long first = in.readLong();
                if (first == ENTRY_FORMAT) {
                    String run = in.readUTF();
                    Path folder = Path.of(in.readUTF());
                    int subtask = in.readInt();
                    long next = in.readLong();
                    long[] pending = new long[2 * in.readInt()];
                    for (int i = 0; i < pending.length; i++) {
                        pending[i] = in.readLong();
                    }
                    return new RestoredParts(run, folder, subtask, next, pending);
                }
                if (first < 0) {
                    throw new IOException("a list-state entry of an unknown format (" + first + "); was the snapshot written by a newer version?");
                }
                long[] v = Bytes.toLongs(entry); // the earlier format: {subtask, next part, (checkpoint, part)...}
                return new RestoredParts(null, null, (int) v[0], v[1], Arrays.copyOfRange(v, 2, v.length));
            }
        }

        byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(ENTRY_FORMAT);
                out.writeUTF(run);
                out.writeUTF(folder.toString());
                out.writeInt(subtask);
                out.writeLong(next);
                out.writeInt(pending.length / 2);
                for (long v : pending) {
                    out.writeLong(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    private FileSink(Params params, Schema schema) {
        this.folder = Path.of(params.getString("path"));
        this.format = TextFormat.valueOf(params.getEnum("format"));
        this.header = params.getBoolean("header");
        this.exactlyOnce = !"AT_LEAST_ONCE".equals(params.getEnum("semantic"));
        this.lines = new LineWriter(schema, format, params.getString("delimiter").charAt(0));
    }

    /**
     * The committed part files in a folder, of every run that wrote there, in the order they were written:
     * by subtask, then part number (so {@code part-<run>-0-2} comes before {@code part-<run>-0-10}, and a run
     * restored from another continues its numbers). What a reader of the output should read.
     */
    public static List<Path> committedParts(Path folder) throws IOException {
        return PartFiles.committedIn(folder);
    }

    /** AT_LEAST_ONCE: the file of each subtask of every run that wrote into the folder, by subtask. */
    public static List<Path> atLeastOnceParts(Path folder) throws IOException {
        return PartFiles.atLeastOnceIn(folder);
    }

    /** The run (32 hex digits) that wrote a part file, empty for a name without one (an earlier version's) or no part file. */
    public static Optional<String> runOf(Path partFile) {
        return PartFiles.parse(partFile).map(PartFiles.Name::run);
    }

    // ---------------------------------------------------------------- state

    @Override
    public void restoreState(StateRestore restore) throws IOException {
        restored = true;
        for (byte[] entry : restore.listState()) {
            restoredEntries.add(RestoredParts.read(entry));
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws IOException {
        if (!exactlyOnce) {
            if (writer != null) {
                writer.flush();
            }
            return null;
        }
        if (inProgress >= 0) {
            writer.close();
            writer = null;
            pending.put(checkpointId, inProgress);
            inProgress = -1;
        }
        long[] pendingParts = new long[2 * pending.size()];
        int i = 0;
        for (var e : pending.entrySet()) {
            pendingParts[i++] = e.getKey();
            pendingParts[i++] = e.getValue();
        }
        RestoredParts entry = new RestoredParts(parts.run(), folder.toAbsolutePath().normalize(), subtask, counter, pendingParts);
        return OperatorSnapshot.ofList(List.of(entry.toBytes()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        var done = pending.headMap(checkpointId, true);
        if (!done.isEmpty() && failBeforeNextCommitIn != null && failBeforeNextCommitIn.equals(folder)) {
            failBeforeNextCommitIn = null;
            throw new InjectedFailure("injected failure of " + label + " after checkpoint "
                    + checkpointId + " completed, before its part files were committed");
        }
        for (long n : done.values()) {
            commit(parts, subtask, n);
        }
        done.clear();
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        // the files stay pending: the next completed checkpoint commits them
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void open(OperatorContext context) throws IOException {
        label = TYPE + " '" + context.operatorId() + "'";
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException(label + ": cannot create folder " + folder.toAbsolutePath()
                    + " (" + e.getMessage() + "); check params.path and its permissions", e);
        }
        subtask = context.subtaskIndex();
        finalCheckpoint = context.finalCheckpoint();
        parts = new PartFiles(folder, PartFiles.runTag(context.jobId()), format);
        if (!exactlyOnce) {
            file = parts.atLeastOnce(subtask);
            boolean append = restored && Files.exists(file);
            writer = append ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            if (!append && format == TextFormat.CSV && header) {
                writer.write(lines.csvHeader());
                writer.write('\n');
            }
            return;
        }
        if (!restored) {
            deleteAll(parts.ofSubtaskFrom(subtask, 0)); // an earlier attempt of this run that failed before any checkpoint
            return;
        }
        // The restored checkpoint completed: commit what was pending in it, where it was written. Files of the
        // restored run numbered from its next part on were written after it; the records in them are replayed,
        // so they go — in this folder only: a restore writing elsewhere leaves the original run's output alone.
        Path here = folder.toAbsolutePath().normalize();
        for (RestoredParts r : restoredEntries) {
            PartFiles theirs = new PartFiles(r.folder() == null ? folder : r.folder(), r.run(), format);
            for (int i = 0; i + 1 < r.pending().length; i += 2) {
                commit(theirs, r.subtask(), r.pending()[i + 1]);
            }
            if (r.folder() == null || r.folder().equals(here)) {
                deleteAll(theirs.ofSubtaskFrom(r.subtask(), r.next()));
            }
        }
        // continue the part numbers, so that the subtask's files read in order across the restore; files of this
        // run from there on are an earlier attempt's that restored the same checkpoint: replayed too
        counter = restoredEntries.stream().filter(r -> r.subtask() == subtask).mapToLong(RestoredParts::next).max()
                .orElse(restoredEntries.stream().mapToLong(RestoredParts::next).max().orElse(0));
        deleteAll(parts.ofSubtaskFrom(subtask, counter));
        committed.clear();
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) throws IOException {
        if (writer == null) {
            openPart();
        }
        buffer.setLength(0);
        for (int row = 0; row < batch.size(); row++) {
            lines.append(buffer, batch, row);
            buffer.append('\n');
        }
        writer.append(buffer);
    }

    @Override
    public void endOfInput(Output out) throws IOException {
        if (exactlyOnce && !finalCheckpoint && inProgress >= 0) {
            // no checkpoint follows the end of the input (checkpointing is off): nothing could replay these records
            writer.close();
            writer = null;
            commit(parts, subtask, inProgress);
            inProgress = -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close(); // an in-progress file stays uncommitted; a restore or the next fresh start removes it
            writer = null;
        }
    }

    @Override
    public Object result() {
        return exactlyOnce ? List.copyOf(committed) : file;
    }

    // ---------------------------------------------------------------- files

    private void openPart() throws IOException {
        inProgress = counter++;
        writer = Files.newBufferedWriter(parts.inProgress(subtask, inProgress), StandardCharsets.UTF_8);
        if (format == TextFormat.CSV && header) {
            writer.write(lines.csvHeader());
            writer.write('\n');
        }
    }

    /** Renames a pending part file to its final name; a file already committed (before a failure) stays as it is. */
    private void commit(PartFiles names, int owner, long n) throws IOException {
        Path from = names.inProgress(owner, n);
        Path to = names.committed(owner, n);
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.exists(to)) {
            throw new IOException(label + ": part file " + from.getFileName() + " of a completed checkpoint is missing from "
                    + names.folder().toAbsolutePath() + "; were files removed from the folder after the checkpoint?");
        }
        committed.add(to);
    }

    private static void deleteAll(List<Path> files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }
}
