package io.checkpointstudio.flink.translate.operators;

import static io.checkpointstudio.flink.translate.operators.JavaSyntax.boxed;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.str;
import static io.checkpointstudio.flink.translate.operators.JavaSyntax.typeInfo;

import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;

/**
 * key-by: no step of its own on Flink. The keyed operator after it does the {@code keyBy} on the field
 * ({@link FlinkPipeline#keyBy}), and any other operator after it gets its records partitioned by the key
 * ({@link FlinkPipeline#input}); a null key fails naming the key-by and the field, as on the engine. Exported
 * as a {@code KeyedStream} variable whose key selector fails the same way.
 */
final class KeyByTranslation implements OperatorTranslation {

    @Override
    public void addTo(FlinkPipeline pipeline, ValidatedOperator op) {
        pipeline.passThrough(op);
    }

    @Override
    public void writeTo(JavaPipeline code, ValidatedOperator op) {
        Schema in = op.inputSchema();
        String field = op.params().getString(KeyByOperator.KEY);
        int key = in.indexOf(field);
        FieldType keyType = in.type(key);
        code.line(2, "KeyedStream<Row, " + boxed(keyType) + "> " + code.variable(op) + " = " + code.input(op) + ".keyBy(r$ -> key(r$.<" + boxed(keyType)
                + ">getFieldAs(" + key + "), " + str(op.id()) + ", " + str(field) + "), " + typeInfo(keyType) + ");");
    }
}
