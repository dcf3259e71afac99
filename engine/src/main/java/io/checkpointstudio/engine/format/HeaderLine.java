package io.checkpointstudio.engine.format;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file source's {@code skipHeader} rule, the same on the embedded engine and on Flink: the first line of
 * every file is its header and is skipped, whatever its labels say ({@code Order ID,Customer} need not be the
 * field names). A first line that reads as a record is not recognised as a header, though: skipping it would
 * lose that record, so the source fails and says so. A CSV line reads as a record when every value fits its
 * field, which only tells a header apart when some field is not a string; a JSON line when it is an object.
 */
public final class HeaderLine {
    private final Schema schema;
    private final TextFormat format;
    private final LineParser parser;
    private final RecordBatch scratch;

    public HeaderLine(Schema schema, TextFormat format, char delimiter) {
        this.schema = schema;
        this.format = format;
        this.parser = new LineParser(schema, format, delimiter);
        this.scratch = RecordBatch.allocate(schema, 1);
    }

    /** Why {@code line}, the first of a file, is not recognised as a header; empty when it is taken as one. */
    public Optional<String> notRecognised(String line) {
        if (line.isBlank() || format == TextFormat.CSV && schema.fields().stream().allMatch(f -> f.type() == FieldType.STRING)) {
            return Optional.empty();
        }
        try {
            parser.parseInto(line, scratch, 0);
        } catch (IllegalArgumentException labels) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            values.add(schema.field(c).name() + "=" + scratch.value(0, c));
        }
        return Optional.of("not recognised as a header: it reads as a record (" + String.join(", ", values)
                + "), which skipHeader would drop; set skipHeader to false if the files have no header line");
    }

    /**
     * The message for a line that cannot be read: {@code file line n: problem}, with a hint when the first line
     * of a CSV file is not read as data because {@code skipHeader} is off (it is likely a header), and what to
     * set to skip such lines.
     */
    public static String invalidLine(String file, long lineInFile, String problem, TextFormat format, boolean skipHeader) {
        String hint = lineInFile == 1 && !skipHeader && format == TextFormat.CSV
                ? "; if line 1 is a header, set skipHeader to true" : "";
        return file + " line " + lineInFile + ": " + problem + hint + " (set invalidLines to SKIP to skip such lines)";
    }

    /** The message for a first line that is not recognised as a header: {@code file line 1: not recognised ...}. */
    public static String notAHeader(String file, String why) {
        return file + " line 1: " + why;
    }
}
