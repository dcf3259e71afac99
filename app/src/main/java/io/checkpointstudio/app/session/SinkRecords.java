package io.checkpointstudio.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.record.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sink delivered, as a downstream reader of it sees it: one entry per record, in the order the
 * reader reads them, with the record's key.
 *
 * <ul>
 *   <li>file sink, EXACTLY_ONCE: the committed part files only ({@link FileSink#committedParts}); in-progress
 *       and pending files are invisible to readers, as in Flink;</li>
 *   <li>file sink, AT_LEAST_ONCE: the one file per subtask and run it appends to, replays after a restore included;</li>
 *   <li>collect sink: every record it received, kept across restarts (it is not transactional), so a replay
 *       after a restore shows up as it would in any non-transactional sink.</li>
 * </ul>
 *
 * @param how where the records were read from, for people
 */
public record SinkRecords(String sinkId, String how, List<Entry> records) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: its key (the key field's value as text) and the whole record as text. */
    public record Entry(String key, String record) {
    }

    /** The sink types whose output can be read back. */
    public static boolean readable(String type) {
        return FileSink.TYPE.equals(type) || CollectSink.TYPE.equals(type);
    }

    /** Reads sink {@code sink} (as the run's job document configured it) after the run ended with {@code outcome}. */
    public static SinkRecords read(OperatorSpec sink, RunOutcome outcome, String keyField) throws IOException {
        if (FileSink.TYPE.equals(sink.type())) {
            Path folder = Path.of(String.valueOf(sink.params().get("path")));
            boolean csv = "CSV".equals(String.valueOf(sink.params().getOrDefault("format", "JSON")));
            boolean atLeastOnce = "AT_LEAST_ONCE".equals(String.valueOf(sink.params().getOrDefault("semantic", "EXACTLY_ONCE")));
            char delimiter = String.valueOf(sink.params().getOrDefault("delimiter", ",")).charAt(0);
            boolean header = csv && !Boolean.FALSE.equals(sink.params().get("header"));
            List<Path> files = Files.isDirectory(folder) ? (atLeastOnce ? FileSink.atLeastOnceParts(folder) : FileSink.committedParts(folder)) : List.of();
            List<Entry> records = new ArrayList<>();
            for (Path f : files) {
                readFile(f, csv, header, delimiter, keyField, records);
            }
            String how = (atLeastOnce ? "the appended part files (AT_LEAST_ONCE)" : "the committed part files (EXACTLY_ONCE)")
                    + " in " + folder;
            return new SinkRecords(sink.id(), how, records);
        }
        if (CollectSink.TYPE.equals(sink.type())) {
            List<Entry> records = new ArrayList<>();
            for (Object r : outcome.result().results().of(sink.id())) {
                CollectSink.Collected c = (CollectSink.Collected) r;
                List<Field> fields = c.schema().fields();
                int key = indexOf(fields.stream().map(Field::name).toList(), keyField);
                for (Object[] row : c.rows()) {
                    StringBuilder text = new StringBuilder("{");
                    for (int i = 0; i < fields.size(); i++) {
                        text.append(i == 0 ? "" : ",").append(fields.get(i).name()).append('=').append(row[i]);
                    }
                    records.add(new Entry(String.valueOf(row[key]), text.append('}').toString()));
                }
            }
            return new SinkRecords(sink.id(), "what the collect sink received (replays included)", records);
        }
        throw new IllegalArgumentException("cannot read back what a " + sink.type() + " sink wrote; compare with a file or collect sink");
    }

    private static void readFile(Path f, boolean csv, boolean header, char delimiter, String keyField, List<Entry> out) throws IOException {
        List<String> lines = Files.readAllLines(f);
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            if (csv) {
                List<String> values = splitCsv(line, delimiter);
                if (i == 0 && header) {
                    key = indexOf(values, keyField);
                    continue;
                }
                out.add(new Entry(values.get(key < 0 ? 0 : key), line));
            } else {
                JsonNode node = JSON.readTree(line);
                JsonNode k = node.get(keyField);
                if (k == null) {
                    throw new IOException(f.getFileName() + " has records without the key field '" + keyField + "'");
                }
                out.add(new Entry(k.asText(), line));
            }
        }
    }

    private static int indexOf(List<String> names, String keyField) {
        int i = names.indexOf(keyField);
        if (i < 0) {
            throw new IllegalArgumentException("the sink's records have no field '" + keyField + "' (fields: " + names + ")");
        }
        return i;
    }

    /** Splits a CSV line, honouring double quotes. */
    static List<String> splitCsv(String line, char delimiter) {
        List<String> values = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                values.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        values.add(cur.toString());
        return values;
    }
}
