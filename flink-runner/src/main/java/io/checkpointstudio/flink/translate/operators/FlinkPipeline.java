package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.tasks.EngineOperator;
import io.checkpointstudio.flink.tasks.FieldKey;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import io.checkpointstudio.flink.tasks.Rows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Row;

/**
 * The DataStream pipeline of a job under construction, as the operators' translations see it: the
 * environment, and the steps each operator's output comes from. Translations name each step and give it a
 * uid after the operator's id, so Flink's web UI, REST API and savepoints use the document's ids.
 */
public final class FlinkPipeline {
    private final ValidatedJob job;
    private final StreamExecutionEnvironment env;
    /**
     * The steps each operator's output comes from: its own step, or for a key-by (which is not a step of its
     * own: the keyed operator after it does the keyBy) the steps feeding it.
     */
    private final Map<String, List<DataStream<Row>>> outputs = new HashMap<>();

    public FlinkPipeline(ValidatedJob job, StreamExecutionEnvironment env) {
        this.job = job;
        this.env = env;
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    public String jobName() {
        return job.document().name();
    }

    /** The operator's output is {@code step}. */
    public void output(ValidatedOperator op, DataStream<Row> step) {
        outputs.put(op.id(), List.of(step));
    }

    /** The operator is no step of its own: its output is the steps feeding it. */
    public void passThrough(ValidatedOperator op) {
        outputs.put(op.id(), inputSteps(op));
    }

    /**
     * The input of an operator that is not keyed (a keyed one keys its input itself): its upstream steps as one
     * stream, partitioned by key where they come through a key-by, as on the engine.
     */
    public DataStream<Row> input(ValidatedOperator op) {
        List<DataStream<Row>> ins = new ArrayList<>();
        for (String id : op.inputs()) {
            ValidatedOperator upstream = job.operator(id).orElseThrow();
            if (upstream.isKeyBy()) {
                String field = upstream.params().getString(KeyByOperator.KEY);
                KeyedStream<Row, Object> keyed = union(outputs.get(id)).keyBy(
                        new FieldKey(upstream.inputSchema().indexOf(field), id, field), keyType(upstream.inputSchema(), field));
                ins.add(new DataStream<>(keyed.getExecutionEnvironment(), keyed.getTransformation())); // partitioned, not a keyed operator
            } else {
                ins.addAll(outputs.get(id));
            }
        }
        return union(ins);
    }

    /** The steps whose records reach the operator, through any key-by between them. */
    public List<DataStream<Row>> inputSteps(ValidatedOperator op) {
        List<DataStream<Row>> ins = new ArrayList<>();
        for (String id : op.inputs()) {
            ins.addAll(outputs.get(id));
        }
        return ins;
    }

    /** {@code in} keyed by the key field of a keyed operator (a null key fails naming the key-by before it and the field). */
    public static KeyedStream<Row, Object> keyBy(DataStream<Row> in, ValidatedOperator keyed) {
        Schema input = keyed.inputSchema();
        FieldKey key = new FieldKey(input.indexOf(keyed.keyField()), keyed.inputs().get(0), keyed.keyField()); // its one input is the key-by
        return in.keyBy(key, keyType(input, keyed.keyField()));
    }

    public static DataStream<Row> union(List<DataStream<Row>> ins) {
        DataStream<Row> first = ins.get(0);
        if (ins.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<Row>[] rest = ins.subList(1, ins.size()).toArray(DataStream[]::new);
        return first.union(rest);
    }

    /**
     * The engine's own operator as the step, created through its descriptor in an {@link EngineOperator}; a sink
     * ends in a step that discards, since the engine's sink has done the writing.
     */
    public void addEngineOperator(ValidatedOperator op) {
        Schema outputSchema = op.descriptor().isSink() ? op.inputSchema() : op.outputSchema();
        SingleOutputStreamOperator<Row> out = input(op).transform(op.id(), Rows.typeOf(outputSchema),
                new EngineOperator(OperatorSpecs.of(op))).uid(op.id()).setParallelism(op.parallelism());
        if (op.descriptor().isSink()) {
            out.sinkTo(new DiscardingSink<>()).name(op.id() + " (end)").setParallelism(op.parallelism());
        }
        output(op, out);
    }

    @SuppressWarnings("unchecked")
    private static TypeInformation<Object> keyType(Schema schema, String field) {
        return (TypeInformation<Object>) Rows.typeOf(schema.type(schema.indexOf(field)));
    }
}
