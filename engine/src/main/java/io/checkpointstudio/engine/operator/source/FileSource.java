package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.format.HeaderLine;
import io.checkpointstudio.engine.format.InvalidRecordException;
import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.CounterMetric;
import io.checkpointstudio.engine.operator.NullableFields;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SourceOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.state.OperatorListState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.RowSerializer;
import io.checkpointstudio.engine.state.StateRestore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads JSON lines or CSV from a file, or from every file of a folder in name order, into rows of a
 * declared schema. With parallelism P, subtask s takes the lines whose number (over all files) is s modulo
 * P, so its position is a line number.
 *
 * <p>The state is union list state of entries {@code (parallelism, subtask, line)}: "the lines numbered
 * {@code subtask} modulo {@code parallelism} below {@code line} were read". Every subtask of a restore gets
 * every entry (those of earlier rescales too), so at any parallelism each line is read exactly once: a
 * subtask skips the lines of its stripe that an entry says were read.
 */
public final class FileSource implements SourceOperator {
    public static final String TYPE = "file-source";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SOURCE, "File source")
            .summary("Reads JSON lines or CSV from a file or folder")
            .icon("mdi2f-file-document-outline")
            .stateful(true)
            .param(ParamDescriptor.builder("path", ParamType.PATH).label("Path").required()
                    .summary("A file, or a folder whose files are read in name order").build())
            .param(ParamDescriptor.builder("format", ParamType.ENUM).label("Format").values("JSON", "CSV").defaultValue("JSON")
                    .summary("JSON: one object per line, fields by name; CSV: values by position").build())
            .param(ParamDescriptor.builder("schema", ParamType.SCHEMA).label("Schema").required()
                    .summary("The fields to read, with their types").build())
            .param(ParamDescriptor.builder("skipHeader", ParamType.BOOLEAN).label("Skip header line").defaultValue(false)
                    .summary("CSV: the first line of each file holds column names (any labels) and is skipped").build())
            .param(ParamDescriptor.builder("delimiter", ParamType.STRING).label("Delimiter").defaultValue(",")
                    .summary("CSV: the character between values").build())
            .param(ParamDescriptor.builder("invalidLines", ParamType.ENUM).label("Invalid lines").values("FAIL", "SKIP").defaultValue("FAIL")
                    .summary("FAIL stops the job naming the file and line; SKIP counts them in numInvalidLinesSkipped").build())
            .params(EventTimeParams.descriptors())
            .param(EventTimeParams.watermarkModeDescriptor())
            .schema(ctx -> {
                Schema schema = ctx.params().getSchema("schema");
                String delimiter = ctx.params().getString("delimiter");
                if (delimiter == null || delimiter.length() != 1) {
                    ctx.error("delimiter", "must be exactly one character, not '" + delimiter + "'");
                }
                String path = ctx.params().getString("path");
                if (path != null && !path.isBlank() && !Files.exists(Path.of(path))) {
                    ctx.warning("path", "'" + path + "' does not exist (yet); the job fails at start if it is still missing");
                }
                EventTimeParams.check(ctx, schema);
                return schema;
            })
            .nullableFields(NullableFields.JSON_STRINGS)
            .factory(setup -> new FileSource(setup.params(), setup.outputSchema()))
            .build();

    private final Path path;
    private final Schema schema;
    private final boolean skipHeader;
    private final boolean skipInvalid;
    private final TextFormat format;
    private final LineParser parser;
    private final HeaderLine header;
    private List<Path> files;
    private int fileIndex = -1;
    private BufferedReader reader;
    private long lineInFile;
    private long globalLine;
    private int subtask;
    private int parallelism;
    private int batchSize;
    private CounterMetric skipped;
    /** Earlier subtasks' progress: (parallelism, subtask) to the line their stripe was read up to. */
    private final Map<List<Long>, Long> readBefore = new LinkedHashMap<>();
    private final OperatorListState<Object[]> state = OperatorListState.empty(PROGRESS, OperatorListState.Redistribution.UNION);

    static final RowSerializer PROGRESS = RowSerializer.of(new Field("parallelism", FieldType.LONG), new Field("subtask", FieldType.LONG),
            new Field("line", FieldType.LONG));

    private FileSource(Params params, Schema schema) {
        this.path = Path.of(params.getString("path"));
        this.schema = schema;
        this.skipHeader = params.getBoolean("skipHeader");
        this.skipInvalid = "SKIP".equals(params.getEnum("invalidLines"));
        this.format = TextFormat.valueOf(params.getEnum("format"));
        char delimiter = params.getString("delimiter").charAt(0);
        this.parser = new LineParser(schema, format, delimiter);
        this.header = new HeaderLine(schema, format, delimiter);
    }

    @Override
    public void restoreState(StateRestore restore) {
        for (Object[] e : OperatorListState.restore(restore, PROGRESS, OperatorListState.Redistribution.UNION).entries()) {
            readBefore.merge(List.of((Long) e[0], (Long) e[1]), (Long) e[2], Math::max);
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
        List<Object[]> entries = new ArrayList<>();
        List<Long> own = List.of((long) parallelism, (long) subtask);
        readBefore.forEach((k, line) -> {
            if (!k.equals(own)) {
                entries.add(new Object[] {k.get(0), k.get(1), line});
            }
        });
        entries.add(new Object[] {(long) parallelism, (long) subtask, Math.max(globalLine, readBefore.getOrDefault(own, 0L))});
        state.update(entries);
        return state.snapshot();
    }

    /** Whether an earlier run (before a restore) read line {@code n} already. */
    private boolean readBefore(long n) {
        if (readBefore.isEmpty()) {
            return false;
        }
        for (Map.Entry<List<Long>, Long> e : readBefore.entrySet()) {
            if (n < e.getValue() && n % e.getKey().get(0) == e.getKey().get(1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void open(OperatorContext ctx) throws IOException {
        subtask = ctx.subtaskIndex();
        parallelism = ctx.parallelism();
        batchSize = ctx.batchSize();
        skipped = ctx.counter("numInvalidLinesSkipped");
        if (!Files.exists(path)) {
            throw new IOException("file-source '" + ctx.operatorId() + "': " + path.toAbsolutePath() + " does not exist; check params.path");
        }
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        long skipTo = Long.MAX_VALUE; // lines below the smallest position were all read (every stripe got that far)
        for (long line : readBefore.values()) {
            skipTo = Math.min(skipTo, line);
        }
        if (!readBefore.isEmpty()) {
            while (globalLine < skipTo && nextLine() != null) {
                globalLine++;
            }
        }
    }

    @Override
    public Status emitNext(Output out) throws IOException {
        RecordBatch batch = RecordBatch.allocate(schema, batchSize);
        int n = 0;
        while (n < batchSize) {
            String line = nextLine();
            if (line == null) {
                break;
            }
            long lineNumber = globalLine++;
            if (lineNumber % parallelism != subtask || line.isBlank() || readBefore(lineNumber)) {
                continue;
            }
            try {
                parser.parseInto(line, batch, n);
                n++;
            } catch (IllegalArgumentException e) {
                if (!skipInvalid) {
                    throw new InvalidRecordException(HeaderLine.invalidLine(files.get(fileIndex).toString(), lineInFile, e.getMessage(), format, skipHeader));
                }
                skipped.add(1);
            }
        }
        batch.setSize(n);
        out.emit(batch);
        return reader == null && fileIndex >= files.size() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }

    private String nextLine() throws IOException {
        while (true) {
            if (reader == null) {
                fileIndex++;
                if (fileIndex >= files.size()) {
                    return null;
                }
                reader = Files.newBufferedReader(files.get(fileIndex), StandardCharsets.UTF_8);
                lineInFile = 0;
                if (skipHeader) {
                    readHeader(reader.readLine());
                }
            }
            String line = reader.readLine();
            if (line != null) {
                lineInFile++;
                return line;
            }
            reader.close();
            reader = null;
        }
    }

    /** Skips the first line of a file, whatever its labels, unless it reads as a record (see {@link HeaderLine}). */
    private void readHeader(String line) throws IOException {
        lineInFile++;
        if (line != null) {
            var notRecognised = header.notRecognised(line);
            if (notRecognised.isPresent()) {
                throw new InvalidRecordException(HeaderLine.notAHeader(files.get(fileIndex).toString(), notRecognised.get()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
