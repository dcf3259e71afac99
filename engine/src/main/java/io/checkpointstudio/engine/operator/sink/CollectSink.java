package io.checkpointstudio.engine.operator.sink;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the records it receives in memory (up to a limit) and hands them back when the job ends: for
 * previews in the designer and for tests.
 */
public final class CollectSink implements StreamOperator {
    public static final String TYPE = "collect";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "Collect")
            .summary("Keeps records in memory for previews and tests")
            .icon("mdi2t-tray-full")
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("limit", ParamType.LONG).label("Limit").defaultValue(100_000L).range(0, 10_000_000)
                    .summary("At most this many records per subtask are kept; the rest are only counted").build())
            .schema(ctx -> ctx.input())
            .factory(setup -> new CollectSink(setup.inputSchema(), setup.params().getLong("limit")))
            .build();

    /** What one subtask collected. */
    public record Collected(Schema schema, List<Object[]> rows, long total) {
    }

    private final Schema schema;
    private final long limit;
    private List<Object[]> rows = new ArrayList<>();
    private long[] total = new long[1];

    private CollectSink(Schema schema, long limit) {
        this.schema = schema;
        this.limit = limit;
    }

    /** Rows are kept across restarts (not checkpointed), so replayed records show up as duplicates, as in a real sink. */
    @Override
    public void open(io.checkpointstudio.engine.operator.OperatorContext context) {
        rows = context.jobScoped("rows", ArrayList::new);
        total = context.jobScoped("total", () -> new long[1]);
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        for (int row = 0; row < batch.size(); row++) {
            if (rows.size() < limit) {
                rows.add(batch.row(row));
            }
        }
        total[0] += batch.size();
    }

    @Override
    public Object result() {
        return new Collected(schema, List.copyOf(rows), total[0]);
    }

    /** All rows of all subtasks of a collect sink, from a job's results. */
    public static List<Object[]> rows(List<Object> results) {
        List<Object[]> all = new ArrayList<>();
        for (Object r : results) {
            all.addAll(((Collected) r).rows());
        }
        return all;
    }
}
