package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import java.util.List;
import java.util.Optional;

/** What the sinks of a job that ran to its end on Flink handed back, by sink id. */
public interface FinishedSinks {

    /** A checksum sink's figures over all its subtasks. */
    Optional<ChecksumSink.Checksum> checksum(String sinkId);

    /** A collect sink's rows over all its subtasks. */
    Optional<List<Object[]>> rows(String sinkId);
}
