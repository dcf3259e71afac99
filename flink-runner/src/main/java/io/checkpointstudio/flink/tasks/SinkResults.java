package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.ListAccumulator;

/**
 * What the engine's sinks hand back at the end of a job, in a form that travels as a Flink accumulator
 * (one entry per subtask), and back into the engine's own result types on the client.
 */
public final class SinkResults {
    private SinkResults() {
    }

    /** One subtask's checksum figures. */
    public record ChecksumFigures(long records, long checksum, long weightedChecksum, long keys) implements Serializable {
    }

    /** One subtask's collected rows and how many it received. */
    public record CollectedRows(ArrayList<Object[]> rows, long total) implements Serializable {
    }

    static Object toSerializable(Object result) {
        if (result instanceof ChecksumSink.Checksum c) {
            return new ChecksumFigures(c.records(), c.checksum(), c.weightedChecksum(), c.keys());
        }
        if (result instanceof CollectSink.Collected c) {
            return new CollectedRows(new ArrayList<>(c.rows()), c.total());
        }
        return null; // file sinks report their files on disk; print reports nothing
    }

    static ListAccumulator<Object> accumulator(Object result) {
        ListAccumulator<Object> acc = new ListAccumulator<>();
        acc.add(result);
        return acc;
    }

    /** The checksum of all subtasks of a checksum sink, from its accumulator value. */
    public static ChecksumSink.Checksum checksum(List<?> perSubtask) {
        List<Object> engine = new ArrayList<>();
        for (Object o : perSubtask) {
            ChecksumFigures f = (ChecksumFigures) o;
            engine.add(new ChecksumSink.Checksum(f.records(), f.checksum(), f.weightedChecksum(), f.keys()));
        }
        return ChecksumSink.Checksum.combine(engine);
    }

    /** All rows of all subtasks of a collect sink, from its accumulator value. */
    public static List<Object[]> rows(List<?> perSubtask) {
        List<Object[]> all = new ArrayList<>();
        for (Object o : perSubtask) {
            all.addAll(((CollectedRows) o).rows());
        }
        return all;
    }
}
