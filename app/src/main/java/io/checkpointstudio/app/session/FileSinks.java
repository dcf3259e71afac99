package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.sink.FileSink;
import java.nio.file.Path;
import java.util.function.Function;

/** Where a job's file sinks write: the app points them elsewhere for lessons and comparisons, never at the job's own folder. */
public final class FileSinks {
    private FileSinks() {
    }

    /** The job with every file sink writing into the folder {@code folder} gives for it. */
    public static JobDocument writingInto(JobDocument job, Function<OperatorSpec, Path> folder) {
        JobDocument doc = job;
        for (OperatorSpec op : job.operators()) {
            if (FileSink.TYPE.equals(op.type())) {
                doc = doc.withOperator(op.withParam("path", folder.apply(op).toString()));
            }
        }
        return doc;
    }
}
