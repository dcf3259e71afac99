package io.checkpointstudio.flink.run;

import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.flink.tasks.EngineOperator;
import io.checkpointstudio.flink.tasks.SinkResults;
import io.checkpointstudio.flink.translate.operators.FinishedSinks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job run to its end on Flink: its id, how long it ran, and what its sinks handed back. */
public record FlinkRunResult(String jobId, long netRuntimeMillis, Map<String, Object> accumulators) implements FinishedSinks {

    /** A checksum sink's figures over all its subtasks. */
    @Override
    public Optional<ChecksumSink.Checksum> checksum(String sinkId) {
        return perSubtask(sinkId).map(SinkResults::checksum);
    }

    /** A collect sink's rows over all its subtasks. */
    @Override
    public Optional<List<Object[]>> rows(String sinkId) {
        return perSubtask(sinkId).map(SinkResults::rows);
    }

    private Optional<List<?>> perSubtask(String sinkId) {
        return Optional.ofNullable((List<?>) accumulators.get(EngineOperator.resultName(sinkId)));
    }
}
