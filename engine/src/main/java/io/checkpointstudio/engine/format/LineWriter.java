package io.checkpointstudio.engine.format;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;

/** Writes rows of a batch as text lines: JSON objects with the schema's field names, or CSV. */
public final class LineWriter {
    private final Schema schema;
    private final TextFormat format;
    private final char delimiter;
    private final String[] jsonKeys;

    public LineWriter(Schema schema, TextFormat format, char delimiter) {
        this.schema = schema;
        this.format = format;
        this.delimiter = delimiter;
        this.jsonKeys = new String[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            jsonKeys[c] = (c == 0 ? "{\"" : ",\"") + new String(JsonStringEncoder.getInstance().quoteAsString(schema.field(c).name())) + "\":";
        }
    }

    /** The CSV header line (field names), without a line break. */
    public String csvHeader() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) {
                sb.append(delimiter);
            }
            Csv.appendField(sb, schema.field(c).name(), delimiter);
        }
        return sb.toString();
    }

    /** Appends row {@code row} as one line, without the line break. */
    public void append(StringBuilder out, RecordBatch batch, int row) {
        for (int c = 0; c < schema.size(); c++) {
            if (format == TextFormat.JSON) {
                out.append(jsonKeys[c]);
            } else if (c > 0) {
                out.append(delimiter);
            }
            Object col = batch.column(c);
            if (col instanceof long[] l) {
                out.append(l[row]);
            } else if (col instanceof double[] d) {
                double v = d[row];
                if (format == TextFormat.JSON && (Double.isNaN(v) || Double.isInfinite(v))) {
                    out.append("null");
                } else {
                    out.append(v);
                }
            } else if (col instanceof boolean[] b) {
                out.append(b[row]);
            } else {
                String s = ((String[]) col)[row];
                if (format == TextFormat.JSON) {
                    if (s == null) {
                        out.append("null");
                    } else {
                        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
                    }
                } else {
                    Csv.appendField(out, s, delimiter);
                }
            }
        }
        if (format == TextFormat.JSON) {
            out.append(schema.size() == 0 ? "{}" : "}");
        }
    }
}
