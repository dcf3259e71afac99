package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.format.HeaderLine;
import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * file-source's second half: each line read by Flink's {@code FileSource} ({@link NumberedLines}: file, line
 * number, text) is parsed into a row by the engine's own {@link LineParser}, with the same handling of blank
 * and invalid lines and of {@code skipHeader} ({@link HeaderLine}: the first line of every file, whatever its
 * labels, unless it reads as a record), and the same messages naming the file and line.
 */
public final class LineParsing extends RichFlatMapFunction<Tuple3<String, Long, String>, Row> {
    private static final long serialVersionUID = 1L;

    private final OperatorSpecs spec;
    private transient LineParser parser;
    private transient HeaderLine header;
    private transient RecordBatch batch;
    private transient TextFormat format;
    private transient boolean skipHeader;
    private transient boolean skipInvalid;
    private transient Counter skipped;

    public LineParsing(OperatorSpecs spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext context) {
        Schema schema = spec.outputSchema();
        var params = spec.engineParams();
        format = TextFormat.valueOf(params.getEnum("format"));
        char delimiter = params.getString("delimiter").charAt(0);
        parser = new LineParser(schema, format, delimiter);
        header = new HeaderLine(schema, format, delimiter);
        batch = RecordBatch.allocate(schema, 1);
        skipHeader = params.getBoolean("skipHeader");
        skipInvalid = "SKIP".equals(params.getEnum("invalidLines"));
        skipped = getRuntimeContext().getMetricGroup().counter("numInvalidLinesSkipped");
    }

    @Override
    public void flatMap(Tuple3<String, Long, String> numbered, Collector<Row> out) {
        String file = numbered.f0;
        long number = numbered.f1;
        String line = numbered.f2;
        if (skipHeader && number == 1) {
            Optional<String> notRecognised = header.notRecognised(line);
            if (notRecognised.isPresent()) {
                throw new IllegalArgumentException(failure(HeaderLine.notAHeader(file, notRecognised.get())));
            }
            return;
        }
        if (line.isBlank()) {
            return;
        }
        try {
            parser.parseInto(line, batch, 0);
        } catch (IllegalArgumentException e) {
            if (!skipInvalid) {
                throw new IllegalArgumentException(failure(HeaderLine.invalidLine(file, number, e.getMessage(), format, skipHeader)), e);
            }
            skipped.inc();
            return;
        }
        batch.setSize(1);
        out.collect(Rows.fromBatch(batch, 0));
    }

    private String failure(String message) {
        return "file-source '" + spec.id() + "': " + message;
    }
}
