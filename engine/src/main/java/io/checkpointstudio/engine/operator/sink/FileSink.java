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
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records as JSON lines or CSV into a folder, one part file per subtask
 * ({@code part-0.jsonl}, {@code part-1.jsonl}, ...), as Flink's FileSink writes part files. Files of an
 * earlier run with the same names are replaced. A checkpoint records each part file's length; a restore
 * cuts the file back to that length before the replayed records are appended, so the file holds every
 * record exactly once after a failure.
 */
public final class FileSink implements StreamOperator {
    public static final String TYPE = "file-sink";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "File sink")
            .summary("Writes JSON lines or CSV part files into a folder")
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
    private final LineWriter lines;
    private final StringBuilder buffer = new StringBuilder(64 * 1024);
    private BufferedWriter writer;
    private Path file;
    private int subtask;
    private final java.util.Map<Integer, Long> restoredLengths = new java.util.LinkedHashMap<>();

    private FileSink(Params params, Schema schema) {
        this.folder = Path.of(params.getString("path"));
        this.format = TextFormat.valueOf(params.getEnum("format"));
        this.header = params.getBoolean("header");
        this.lines = new LineWriter(schema, format, params.getString("delimiter").charAt(0));
    }

    /** The part file of one subtask. */
    public static Path partFile(Path folder, int subtask, TextFormat format) {
        return folder.resolve("part-" + subtask + "." + format.extension());
    }

    @Override
    public void restoreState(StateRestore restore) {
        for (byte[] entry : restore.listState()) {
            long[] v = Bytes.toLongs(entry);
            restoredLengths.put((int) v[0], v[1]);
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws IOException {
        writer.flush();
        return OperatorSnapshot.ofList(List.of(Bytes.ofLongs(subtask, Files.size(file))));
    }

    @Override
    public void open(OperatorContext context) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("file-sink '" + context.operatorId() + "': cannot create folder " + folder.toAbsolutePath()
                    + " (" + e.getMessage() + "); check params.path and its permissions", e);
        }
        subtask = context.subtaskIndex();
        file = partFile(folder, subtask, format);
        // Every part file of the snapshot goes back to its checkpointed length (after a rescale a subtask may
        // be handed the parts of several old subtasks); records after it are replayed.
        for (var e : restoredLengths.entrySet()) {
            Path part = partFile(folder, e.getKey(), format);
            if (Files.exists(part)) {
                try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    ch.truncate(e.getValue());
                }
            }
        }
        if (restoredLengths.containsKey(subtask) && Files.exists(file)) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return;
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        if (format == TextFormat.CSV && header) {
            writer.write(lines.csvHeader());
            writer.write('\n');
        }
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) throws IOException {
        buffer.setLength(0);
        for (int row = 0; row < batch.size(); row++) {
            lines.append(buffer, batch, row);
            buffer.append('\n');
        }
        writer.append(buffer);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    @Override
    public Object result() {
        return file;
    }
}
