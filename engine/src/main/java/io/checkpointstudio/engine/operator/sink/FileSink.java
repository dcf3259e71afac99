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
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes records as JSON lines or CSV part files into a folder, as Flink's FileSink does.
 *
 * <p>EXACTLY_ONCE (the default) is Flink's two-phase commit on files: a subtask writes an in-progress
 * file {@code .part-<subtask>-<n>.<ext>.inprogress}; a checkpoint's barrier closes it and makes it pending
 * for that checkpoint (recorded in the checkpoint, with the next part number), and when the checkpoint
 * completes it is renamed atomically to {@code part-<subtask>-<n>.<ext>}. Readers only ever look at the
 * committed names. A restore commits the pending files of the restored checkpoint (it completed) and
 * deletes every file of the subtask numbered after it (written after that checkpoint), so the records
 * replayed from there are written once. Without checkpointing the last file is committed at the end of
 * the input. A fresh start deletes the subtask's part files of an earlier run.
 *
 * <p>AT_LEAST_ONCE writes straight into {@code part-<subtask>.<ext>}, flushed at every checkpoint: readers
 * see records at once, and after a failure the records replayed since the checkpoint are appended again.
 */
public final class FileSink implements StreamOperator {
    public static final String TYPE = "file-sink";
    /** Test hook: when set to a folder, the next commit of pending part files into it fails before renaming any. */
    static volatile Path failBeforeNextCommitIn;
    private static final Pattern PART = Pattern.compile("(\\.?)part-(\\d+)-(\\d+)\\.(jsonl|csv)(\\.inprogress)?");

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
    /** Restored: per original subtask, its next part number and its pending parts. */
    private final Map<Integer, long[]> restoredEntries = new LinkedHashMap<>();
    private final List<Path> committed = new ArrayList<>();

    private FileSink(Params params, Schema schema) {
        this.folder = Path.of(params.getString("path"));
        this.format = TextFormat.valueOf(params.getEnum("format"));
        this.header = params.getBoolean("header");
        this.exactlyOnce = !"AT_LEAST_ONCE".equals(params.getEnum("semantic"));
        this.lines = new LineWriter(schema, format, params.getString("delimiter").charAt(0));
    }

    /** AT_LEAST_ONCE: the file of one subtask. */
    public static Path partFile(Path folder, int subtask, TextFormat format) {
        return folder.resolve("part-" + subtask + "." + format.extension());
    }

    /** EXACTLY_ONCE: the committed part file {@code n} of a subtask. */
    public static Path committedPart(Path folder, int subtask, long n, TextFormat format) {
        return folder.resolve("part-" + subtask + "-" + n + "." + format.extension());
    }

    /** EXACTLY_ONCE: the in-progress (or pending) part file {@code n} of a subtask. */
    public static Path inProgressPart(Path folder, int subtask, long n, TextFormat format) {
        return folder.resolve(".part-" + subtask + "-" + n + "." + format.extension() + ".inprogress");
    }

    /**
     * The committed part files in a folder, in the order they were written: by subtask, then part
     * number (so {@code part-0-2} comes before {@code part-0-10}). What a reader of the output should read.
     */
    public static List<Path> committedParts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                Matcher m = PART.matcher(f.getFileName().toString());
                return m.matches() && m.group(1).isEmpty() && m.group(5) == null;
            }).sorted(Comparator.<Path>comparingLong(f -> partNumbers(f)[0]).thenComparingLong(f -> partNumbers(f)[1])).toList();
        }
    }

    private static long[] partNumbers(Path f) {
        Matcher m = PART.matcher(f.getFileName().toString());
        if (!m.matches()) {
            return new long[] {-1, -1};
        }
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    // ---------------------------------------------------------------- state

    @Override
    public void restoreState(StateRestore restore) {
        restored = true;
        for (byte[] entry : restore.listState()) {
            long[] v = Bytes.toLongs(entry);
            restoredEntries.put((int) v[0], v);
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
        long[] entry = new long[2 + 2 * pending.size()];
        entry[0] = subtask;
        entry[1] = counter;
        int i = 2;
        for (var e : pending.entrySet()) {
            entry[i++] = e.getKey();
            entry[i++] = e.getValue();
        }
        return OperatorSnapshot.ofList(List.of(Bytes.ofLongs(entry)));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        var done = pending.headMap(checkpointId, true);
        if (!done.isEmpty() && failBeforeNextCommitIn != null && failBeforeNextCommitIn.equals(folder)) {
            failBeforeNextCommitIn = null;
            throw new io.checkpointstudio.engine.fault.InjectedFailure("injected failure of " + label + " after checkpoint "
                    + checkpointId + " completed, before its part files were committed");
        }
        for (long n : done.values()) {
            commit(subtask, n);
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
        if (!exactlyOnce) {
            file = partFile(folder, subtask, format);
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
            deleteParts(subtask, 0); // an earlier run's files of this subtask
            return;
        }
        // The restored checkpoint completed: commit what was pending in it. Files numbered from its next
        // part on were written after it; the records in them are replayed, so they go.
        for (long[] v : restoredEntries.values()) {
            int origin = (int) v[0];
            for (int i = 2; i + 1 < v.length; i += 2) {
                commit(origin, v[i + 1]);
            }
            deleteParts(origin, v[1]);
        }
        long[] own = restoredEntries.get(subtask);
        counter = own != null ? own[1] : nextFreeNumber();
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
            commit(subtask, inProgress);
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
        writer = Files.newBufferedWriter(inProgressPart(folder, subtask, inProgress, format), StandardCharsets.UTF_8);
        if (format == TextFormat.CSV && header) {
            writer.write(lines.csvHeader());
            writer.write('\n');
        }
    }

    /** Renames a pending part file to its final name; a file already committed (before a failure) stays as it is. */
    private void commit(int owner, long n) throws IOException {
        Path from = inProgressPart(folder, owner, n, format);
        Path to = committedPart(folder, owner, n, format);
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.exists(to)) {
            throw new IOException(label + ": part file " + from.getFileName() + " of a completed checkpoint is missing from "
                    + folder.toAbsolutePath() + "; were files removed from the folder after the checkpoint?");
        }
        committed.add(to);
    }

    /** Deletes the subtask's part files, committed or not, numbered {@code from} and up. */
    private void deleteParts(int owner, long from) throws IOException {
        for (Path f : subtaskParts(owner)) {
            if (partNumbers(f)[1] >= from) {
                Files.deleteIfExists(f);
            }
        }
    }

    private List<Path> subtaskParts(int owner) throws IOException {
        String ext = format.extension();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                Matcher m = PART.matcher(f.getFileName().toString());
                return m.matches() && m.group(4).equals(ext) && Long.parseLong(m.group(2)) == owner;
            }).toList();
        }
    }

    private long nextFreeNumber() throws IOException {
        long next = 0;
        for (Path f : subtaskParts(subtask)) {
            next = Math.max(next, partNumbers(f)[1] + 1);
        }
        return next;
    }
}
