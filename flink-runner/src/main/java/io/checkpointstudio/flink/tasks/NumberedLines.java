package io.checkpointstudio.flink.tasks;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * Flink's text lines of a file ({@link TextLineInputFormat}), each with its file and its line number
 * ({@code (file, line, text)}, lines counted from 1 over the whole file), so that file-source can skip the
 * first line of every file as the engine does and name the file and line of a line it cannot read. The
 * number is Flink's own position of the line: a text file is one split read from its start, and its
 * checkpointed position is the number of lines read, so a restored reader numbers on where it left off.
 */
public final class NumberedLines implements BulkFormat<Tuple3<String, Long, String>, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final StreamFormatAdapter<String> lines = new StreamFormatAdapter<>(new TextLineInputFormat());

    @Override
    public BulkFormat.Reader<Tuple3<String, Long, String>> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new Reader(lines.createReader(config, split), split.path().getPath());
    }

    @Override
    public BulkFormat.Reader<Tuple3<String, Long, String>> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return new Reader(lines.restoreReader(config, split), split.path().getPath());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Tuple3<String, Long, String>> getProducedType() {
        return Types.TUPLE(Types.STRING, Types.LONG, Types.STRING);
    }

    private record Reader(BulkFormat.Reader<String> lines, String file) implements BulkFormat.Reader<Tuple3<String, Long, String>> {
        @Override
        public RecordIterator<Tuple3<String, Long, String>> readBatch() throws IOException {
            RecordIterator<String> batch = lines.readBatch();
            return batch == null ? null : new RecordIterator<>() {
                @Override
                public RecordAndPosition<Tuple3<String, Long, String>> next() {
                    RecordAndPosition<String> line = batch.next();
                    if (line == null) {
                        return null;
                    }
                    // lines read so far, this one included: its number (text lines have no offsets to count from)
                    long number = line.getRecordSkipCount();
                    return new RecordAndPosition<>(Tuple3.of(file, number, line.getRecord()), line.getOffset(), number);
                }

                @Override
                public void releaseBatch() {
                    batch.releaseBatch();
                }
            };
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
