package io.checkpointstudio.engine.operator.transform;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.NullableFields;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.operator.FieldNames;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import com.google.re2j.Pattern;
import io.checkpointstudio.engine.expression.LinearRegex;
import java.util.HashSet;
import java.util.Set;

/**
 * Splits a string field by a regular expression and emits one record per non-empty piece, with the piece
 * in the output field and every other field copied (the classic word-count tokenizer). The expression runs in
 * linear time ({@link LinearRegex}), so no separator can make a record take exponential time.
 */
public final class FlatMapOperator implements StreamOperator {
    public static final String TYPE = "flat-map";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.TRANSFORM, "Split (flat map)")
            .summary("Splits a text field into one record per piece")
            .icon("mdi2c-call-split")
            .inputs(1, Integer.MAX_VALUE)
            .param(ParamDescriptor.builder("field", ParamType.FIELD).label("Field to split").required()
                    .summary("A string field of the input").build())
            .param(ParamDescriptor.builder("separator", ParamType.STRING).label("Separator (regex)").defaultValue("\\s+")
                    .summary("A regular expression (RE2 syntax) between pieces; the default splits on white space").build())
            .param(ParamDescriptor.builder("as", ParamType.STRING).label("Output field")
                    .summary("Name of the field holding each piece; by default the split field's own name").build())
            .schema(ctx -> {
                Params p = ctx.params();
                Field f = ctx.requireField("field", p.getString("field"), FieldType.STRING);
                String problem = LinearRegex.problem(p.getString("separator"));
                if (problem != null) {
                    ctx.error("separator", problem);
                }
                String as = p.getString("as");
                if (as != null && !FieldNames.isValid(as)) {
                    ctx.error("as", FieldNames.problem(as));
                    return null;
                }
                if (f == null) {
                    return null;
                }
                return outputSchema(ctx.input(), f.name(), as);
            })
            .nullableFields((params, nullableInput, output) -> {
                // each piece is a non-empty string (a null text gives no records)
                Set<String> nullable = new HashSet<>(NullableFields.PASS_THROUGH.derive(params, nullableInput, output));
                nullable.remove(params.getString("as") == null ? params.getString("field") : params.getString("as"));
                return nullable;
            })
            .factory(setup -> new FlatMapOperator(setup.params(), setup.inputSchema(), setup.outputSchema()))
            .build();

    private final Pattern separator;
    private final int splitColumn;
    private final int pieceColumn;
    private final Schema input;
    private final Schema output;
    private int batchSize;

    private FlatMapOperator(Params params, Schema input, Schema output) {
        this.separator = LinearRegex.compile(params.getString("separator"));
        this.input = input;
        this.output = output;
        this.splitColumn = input.indexOf(params.getString("field"));
        String as = params.getString("as");
        this.pieceColumn = output.indexOf(as == null ? params.getString("field") : as);
    }

    static Schema outputSchema(Schema input, String field, String as) {
        if (as == null || as.equals(field)) {
            return input;
        }
        return input.with(new Field(as, FieldType.STRING));
    }

    @Override
    public void open(OperatorContext context) {
        batchSize = context.batchSize();
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) {
        RecordBatch current = RecordBatch.allocate(output, batchSize);
        String[] texts = batch.strings(splitColumn);
        for (int row = 0; row < batch.size(); row++) {
            String text = texts[row];
            if (text == null) {
                continue;
            }
            for (String piece : separator.split(text)) {
                if (piece.isEmpty()) {
                    continue;
                }
                if (current.isFull()) {
                    out.emit(current);
                    current = RecordBatch.allocate(output, batchSize);
                }
                int at = current.size();
                for (int c = 0; c < input.size(); c++) {
                    current.setValue(at, c, batch.value(row, c));
                }
                current.setSize(at + 1);
                current.strings(pieceColumn)[at] = piece;
            }
        }
        out.emit(current);
    }
}
