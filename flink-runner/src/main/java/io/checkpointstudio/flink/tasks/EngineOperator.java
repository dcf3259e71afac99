package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.operator.CounterMetric;
import io.checkpointstudio.engine.operator.JobScope;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.OperatorSetup;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.KeyGroupReader;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Row;

/**
 * Runs one of the engine's own stream operators (filter, map, flat-map and the print, collect, checksum and
 * file sinks) inside a Flink task, created through its descriptor exactly as the engine creates it, so
 * expressions compile with the same compiler and every record is treated the same. Each record is handed
 * over as a one-record batch. The operator's non-keyed state (a file sink's pending part files) is kept in
 * Flink operator list state; Flink's checkpoint notifications, watermarks and the end of a bounded input
 * are passed on. What a sink hands back at the end (a checksum, collected rows) becomes a Flink accumulator
 * named {@link #resultName(String)}.
 */
public final class EngineOperator extends AbstractStreamOperator<Row>
        implements OneInputStreamOperator<Row, Row>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final int BATCH_SIZE = 64;

    private final OperatorSpecs spec;
    private transient StreamOperator operator;
    private transient RecordBatch in;
    private transient ListState<byte[]> state;
    private transient StateRestore restore;
    private transient BridgeOutput bridge;

    public EngineOperator(OperatorSpecs spec) {
        this.spec = spec;
    }

    /** The accumulator under which a sink's result is reported. */
    public static String resultName(String operatorId) {
        return "checkpoint-studio.result." + operatorId;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("engine-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            List<byte[]> entries = new ArrayList<>();
            state.get().forEach(entries::add);
            long checkpointId = context.getRestoredCheckpointId().orElse(0L);
            restore = new StateRestore() {
                @Override
                public List<byte[]> listState() {
                    return entries;
                }

                @Override
                public void readKeyGroups(KeyGroupReader reader) {
                }

                @Override
                public long checkpointId() {
                    return checkpointId;
                }
            };
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        OperatorDescriptor descriptor = OperatorRegistry.standard().find(spec.type())
                .orElseThrow(() -> new IllegalStateException("unknown operator type " + spec.type()));
        Schema input = spec.inputSchema();
        OperatorSetup setup = new OperatorSetup(spec.id(), descriptor, new Params(descriptor, spec.params()), input,
                spec.outputSchema(), spec.keyField(), new ExpressionCompiler());
        operator = (StreamOperator) descriptor.factory().create(setup);
        if (restore != null) {
            operator.restoreState(restore);
            restore = null;
        }
        var task = getRuntimeContext().getTaskInfo();
        Map<String, CounterMetric> counters = new HashMap<>();
        Map<String, Object> scoped = new HashMap<>();
        JobScope scope = new JobScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getOrCreate(String key, Supplier<T> factory) {
                return (T) scoped.computeIfAbsent(key, k -> factory.get());
            }
        };
        // Flink's job id: a new one per submission (also from a savepoint), kept across Flink's restarts
        String jobId = getRuntimeContext().getJobInfo().getJobId().toHexString();
        operator.open(new OperatorContext(spec.id(), task.getTaskName(), jobId, task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), task.getMaxNumberOfParallelSubtasks(), 0,
                task.getMaxNumberOfParallelSubtasks() - 1, BATCH_SIZE,
                name -> counters.computeIfAbsent(name, n -> new FlinkCounter(getMetricGroup().counter(n))),
                scope, task.getAttemptNumber(), false, Duration.ofMillis(getExecutionConfig().getAutoWatermarkInterval())));
        in = RecordBatch.allocate(input, 1);
        bridge = new BridgeOutput();
    }

    @Override
    public void processElement(StreamRecord<Row> element) throws Exception {
        Rows.intoBatch(element.getValue(), in);
        bridge.current = element;
        operator.processBatch(in, bridge);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        bridge.current = null;
        operator.processWatermark(mark.getTimestamp(), bridge);
    }

    @Override
    public void endInput() throws Exception {
        bridge.current = null;
        operator.endOfInput(bridge);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        OperatorSnapshot snapshot = operator.snapshotState(context.getCheckpointId());
        state.update(snapshot == null ? List.of() : snapshot.listState());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        operator.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        super.notifyCheckpointAborted(checkpointId);
        operator.notifyCheckpointAborted(checkpointId);
    }

    /**
     * The input has ended and the task is about to finish: report what a sink hands back. The operator stays
     * open, because Flink may still take a final checkpoint and notify its completion (a file sink commits
     * its last pending part files then).
     */
    @Override
    public void finish() throws Exception {
        super.finish();
        Object result = SinkResults.toSerializable(operator.result());
        if (result != null) {
            getRuntimeContext().addAccumulator(resultName(spec.id()), SinkResults.accumulator(result));
        }
    }

    @Override
    public void close() throws Exception {
        if (operator != null) {
            operator.close();
            operator = null;
        }
        super.close();
    }

    /** Where the engine operator emits: each row of each batch becomes a Flink record with the input's timestamp. */
    private final class BridgeOutput implements Output {
        StreamRecord<Row> current;

        @Override
        public void emit(RecordBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                Row row = Rows.fromBatch(batch, i);
                if (current != null && current.hasTimestamp()) {
                    output.collect(new StreamRecord<>(row, current.getTimestamp()));
                } else {
                    output.collect(new StreamRecord<>(row));
                }
            }
        }

        @Override
        public void emitWatermark(long watermark) {
            output.emitWatermark(new Watermark(watermark));
        }
    }

    /** An engine counter backed by a Flink metric, so it shows in Flink's web UI and REST metrics. */
    private record FlinkCounter(Counter counter) implements CounterMetric {
        @Override
        public void add(long n) {
            counter.inc(n);
        }

        @Override
        public long get() {
            return counter.getCount();
        }
    }

}
