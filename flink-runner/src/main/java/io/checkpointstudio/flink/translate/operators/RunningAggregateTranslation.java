package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.boxed;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.cast;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.type;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.typeInfo;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.tasks.Rows;
import io.checkpointstudio.flink.tasks.RunningAggregate;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Row;

/**
 * sum, count, min, max and reduce: a running aggregate per key in Flink keyed state
 * ({@link RunningAggregate}), emitting {@code (key, aggregate so far)} for every record; exported as
 * {@code keyBy(..).reduce(..)} over {@code (key, value)} rows. One instance per aggregate.
 */
final class RunningAggregateTranslation implements OperatorTranslation {
    static final RunningAggregateTranslation SUM = new RunningAggregateTranslation(RunningAggregate.Kind.SUM);
    static final RunningAggregateTranslation COUNT = new RunningAggregateTranslation(RunningAggregate.Kind.COUNT);
    static final RunningAggregateTranslation MIN = new RunningAggregateTranslation(RunningAggregate.Kind.MIN);
    static final RunningAggregateTranslation MAX = new RunningAggregateTranslation(RunningAggregate.Kind.MAX);
    static final RunningAggregateTranslation REDUCE = new RunningAggregateTranslation(RunningAggregate.Kind.REDUCE);

    private final RunningAggregate.Kind kind;

    private RunningAggregateTranslation(RunningAggregate.Kind kind) {
        this.kind = kind;
    }

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        DataStream<Row> in = FlinkPipeline.union(pipeline.inputSteps(op));
        Schema input = op.inputSchema();
        Params p = op.params();
        int valueIndex = kind == RunningAggregate.Kind.COUNT ? -1 : input.indexOf(p.getString("field"));
        FieldType valueType = valueIndex < 0 ? FieldType.LONG : input.type(valueIndex);
        pipeline.output(op, FlinkPipeline.keyBy(in, op)
                .process(new RunningAggregate(kind, valueIndex, valueType, p.getString("expression")), Rows.typeOf(op.outputSchema()))
                .name(op.id()).uid(op.id()).setParallelism(op.parallelism()));
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Params p = op.params();
        String type = op.descriptor().type();
        Schema in = op.inputSchema();
        Schema out = op.outputSchema();
        int key = in.indexOf(op.keyField());
        FieldType valueType = out.type(1);
        String value = kind == RunningAggregate.Kind.COUNT ? "1L" : "r$.getField(" + in.indexOf(p.getString("field")) + ")";
        String t = valueType.javaType().getSimpleName();
        String combine = switch (kind) {
            case SUM, COUNT -> "acc + value";
            case MIN -> "Math.min(acc, value)";
            case MAX -> "Math.max(acc, value)";
            case REDUCE -> cast(valueType, p.getString("expression"));
        };
        code.line(2, "// a running " + type + " per key: every record emits (key, " + type + " so far)");
        code.line(2, "DataStream<Row> " + code.variable(op) + " = " + code.input(op) + ".map(r$ -> Row.of(r$.getField(" + key + "), " + value + "), "
                + type(out) + ")");
        code.line(4, ".keyBy(r$ -> r$.<" + boxed(in.type(key)) + ">getFieldAs(0), " + typeInfo(in.type(key)) + ")");
        code.line(4, ".reduce((acc$, r$) -> {");
        code.line(6, t + " acc = acc$.getFieldAs(1);");
        code.line(6, t + " value = r$.getFieldAs(1);");
        code.line(6, "return Row.of(acc$.getField(0), " + combine + ");");
        code.line(4, "}).name(" + str(op.id()) + ").uid(" + str(op.id()) + ").setParallelism(" + op.parallelism() + ");");
    }
}
