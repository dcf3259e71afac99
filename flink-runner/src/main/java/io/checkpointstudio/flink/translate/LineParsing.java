package io.checkpointstudio.flink.translate;

import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * file-source's second half: each line read by Flink's {@code FileSource} is parsed into a row by the
 * engine's own {@link LineParser}, with the same handling of blank and invalid lines. Flink's text-line
 * format does not say which line of a file a line is, so {@code skipHeader} skips the lines whose values
 * are the schema's field names.
 */
final class LineParsing extends RichFlatMapFunction<String, Row> {
    private static final long serialVersionUID = 1L;

    private final OperatorSpecs spec;
    private transient LineParser parser;
    private transient RecordBatch batch;
    private transient boolean skipHeader;
    private transient boolean skipInvalid;
    private transient char delimiter;
    private transient List<String> header;
    private transient Counter skipped;

    LineParsing(OperatorSpecs spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext context) {
        Schema schema = spec.outputSchema();
        var params = spec.params();
        String format = String.valueOf(params.getOrDefault("format", "JSON")).toUpperCase(java.util.Locale.ROOT);
        delimiter = String.valueOf(params.getOrDefault("delimiter", ",")).charAt(0);
        parser = new LineParser(schema, TextFormat.valueOf(format), delimiter);
        batch = RecordBatch.allocate(schema, 1);
        skipHeader = Boolean.parseBoolean(String.valueOf(params.getOrDefault("skipHeader", false)));
        skipInvalid = "SKIP".equalsIgnoreCase(String.valueOf(params.getOrDefault("invalidLines", "FAIL")));
        header = schema.names();
        skipped = getRuntimeContext().getMetricGroup().counter("numInvalidLinesSkipped");
    }

    @Override
    public void flatMap(String line, Collector<Row> out) {
        if (line.isBlank() || skipHeader && isHeader(line)) {
            return;
        }
        try {
            parser.parseInto(line, batch, 0);
        } catch (IllegalArgumentException e) {
            if (!skipInvalid) {
                throw new IllegalArgumentException("file-source '" + spec.id() + "': " + e.getMessage()
                        + " (set invalidLines to SKIP to skip such lines)", e);
            }
            skipped.inc();
            return;
        }
        batch.setSize(1);
        out.collect(Rows.fromBatch(batch, 0));
    }

    private boolean isHeader(String line) {
        List<String> cells = Arrays.stream(line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1))
                .map(c -> c.strip().replace("\"", "")).toList();
        return cells.equals(header);
    }
}
