package io.checkpointstudio.engine.operator.sink;

import io.checkpointstudio.engine.format.LineWriter;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import java.io.PrintStream;

/** Prints each record as a JSON line on the console, prefixed with its subtask as Flink's print sink does ({@code 2> {...}}). */
public final class PrintSink implements StreamOperator {
    public static final String TYPE = "print";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "Print")
            .summary("Prints records on the console")
            .icon("mdi2c-console")
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("prefix", ParamType.STRING).label("Prefix").defaultValue("")
                    .summary("Text put before every line, to tell several print sinks apart").build())
            .schema(ctx -> ctx.input())
            .factory(setup -> new PrintSink(new LineWriter(setup.inputSchema(), TextFormat.JSON, ','), setup.params().getString("prefix")))
            .build();

    private final LineWriter lines;
    private final String prefix;
    private final StringBuilder buffer = new StringBuilder();
    private String subtaskPrefix;
    private PrintStream console;

    private PrintSink(LineWriter lines, String prefix) {
        this.lines = lines;
        this.prefix = prefix;
    }

    @Override
    public void open(OperatorContext context) {
        subtaskPrefix = prefix + (context.parallelism() > 1 ? (context.subtaskIndex() + 1) + "> " : "");
        // Looked up when the job starts, not when the class loads, so a redirected System.out is honoured.
        console = System.out;
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        buffer.setLength(0);
        for (int row = 0; row < batch.size(); row++) {
            buffer.append(subtaskPrefix);
            lines.append(buffer, batch, row);
            buffer.append('\n');
        }
        synchronized (console) {
            console.print(buffer);
            console.flush();
        }
    }
}
