package io.checkpointstudio.flink.connectors.postgres;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The JDBC connector's exactly-once sink, made to survive the checkpoints after the end of a bounded input.
 * Once its input has ended, Flink still snapshots the writer at every checkpoint until the final one, but no
 * longer asks it to prepare a commit first; the connector's XA writer (flink-connector-jdbc 4.0.0-2.0) starts
 * a new XA transaction at every snapshot and refuses to start one while another is open, so the second
 * snapshot after the end of input failed the task ("currentXid not null") and the job restarted instead of
 * finishing. Nothing is written after the end of input, so the writer's state at its first snapshot after it
 * still describes the writer: the later snapshots hand Flink that state again instead of asking the writer.
 */
final class EndOfInputSafeSink<T> implements Sink<T>, SupportsWriterState<T, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {
    private static final long serialVersionUID = 1L;

    private final JdbcSink<T> sink;

    EndOfInputSafeSink(JdbcSink<T> sink) {
        this.sink = sink;
    }

    @Override
    public Writer<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(sink.createWriter(context));
    }

    @Override
    public Writer<T> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> state) throws IOException {
        return new Writer<>(sink.restoreWriter(context, state));
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return sink.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    /** The connector's writer, asked for its state once after the end of input. */
    static final class Writer<T> implements StatefulSinkWriter<T, JdbcWriterState>, CommittingSinkWriter<T, JdbcCommitable> {
        private final JdbcWriter<T> writer;
        private boolean inputEnded;
        private List<JdbcWriterState> stateAfterEnd;

        Writer(JdbcWriter<T> writer) {
            this.writer = writer;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            writer.write(element, context);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
            inputEnded |= endOfInput;
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return writer.prepareCommit();
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            if (stateAfterEnd != null) {
                return stateAfterEnd;
            }
            List<JdbcWriterState> state = writer.snapshotState(checkpointId);
            if (inputEnded) {
                stateAfterEnd = state;
            }
            return state;
        }

        @Override
        public void close() throws Exception {
            writer.close();
        }
    }
}
