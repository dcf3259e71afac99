package io.checkpointstudio.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;

/**
 * Reads one line of a text file into one row of a batch, by the declared schema. A line that does not fit
 * throws {@link IllegalArgumentException} with a message naming the field and what was found.
 */
public final class LineParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;
    private final TextFormat format;
    private final char delimiter;

    public LineParser(Schema schema, TextFormat format, char delimiter) {
        this.schema = schema;
        this.format = format;
        this.delimiter = delimiter;
    }

    public void parseInto(String line, RecordBatch batch, int row) {
        if (format == TextFormat.JSON) {
            parseJson(line, batch, row);
        } else {
            parseCsv(line, batch, row);
        }
    }

    private void parseJson(String line, RecordBatch batch, int row) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON object: " + shorten(line));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + shorten(line));
        }
        for (int c = 0; c < schema.size(); c++) {
            Field f = schema.field(c);
            JsonNode v = node.get(f.name());
            if (v == null || v.isNull()) {
                setDefault(batch, row, c, f);
                continue;
            }
            switch (f.type()) {
                case LONG -> {
                    if (!v.isIntegralNumber() && !(v.isTextual() && isLong(v.textValue()))) {
                        throw mismatch(f, v.toString());
                    }
                    batch.longs(c)[row] = v.isTextual() ? Long.parseLong(v.textValue().trim()) : v.longValue();
                }
                case DOUBLE -> {
                    if (!v.isNumber()) {
                        throw mismatch(f, v.toString());
                    }
                    batch.doubles(c)[row] = v.doubleValue();
                }
                case BOOLEAN -> {
                    if (!v.isBoolean()) {
                        throw mismatch(f, v.toString());
                    }
                    batch.booleans(c)[row] = v.booleanValue();
                }
                case STRING -> batch.strings(c)[row] = v.isTextual() ? v.textValue() : v.toString();
            }
        }
    }

    private void parseCsv(String line, RecordBatch batch, int row) {
        List<String> values = Csv.split(line, delimiter);
        if (values.size() < schema.size()) {
            throw new IllegalArgumentException("has " + values.size() + " values but the schema declares " + schema.size()
                    + " fields (" + String.join(", ", schema.names()) + ")");
        }
        for (int c = 0; c < schema.size(); c++) {
            Field f = schema.field(c);
            String v = values.get(c);
            try {
                switch (f.type()) {
                    case LONG -> batch.longs(c)[row] = v.isBlank() ? 0 : Long.parseLong(v.trim());
                    case DOUBLE -> batch.doubles(c)[row] = v.isBlank() ? 0 : Double.parseDouble(v.trim());
                    case BOOLEAN -> {
                        String b = v.trim().toLowerCase();
                        if (!b.equals("true") && !b.equals("false") && !b.isEmpty()) {
                            throw mismatch(f, v);
                        }
                        batch.booleans(c)[row] = b.equals("true");
                    }
                    case STRING -> batch.strings(c)[row] = v;
                }
            } catch (NumberFormatException e) {
                throw mismatch(f, v);
            }
        }
    }

    private static void setDefault(RecordBatch batch, int row, int c, Field f) {
        switch (f.type()) {
            case LONG -> batch.longs(c)[row] = 0;
            case DOUBLE -> batch.doubles(c)[row] = 0;
            case BOOLEAN -> batch.booleans(c)[row] = false;
            case STRING -> batch.strings(c)[row] = null;
        }
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static IllegalArgumentException mismatch(Field f, String value) {
        return new IllegalArgumentException("field '" + f.name() + "' is declared " + f.type().jsonName() + " but the value is " + shorten(value));
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
