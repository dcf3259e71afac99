package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.monitor.JobStatus;
import java.util.Map;

/**
 * How a job run ended: its final status, timings, the failure if it failed, the records each operator
 * took in and gave out, and what the operators handed back (collected rows, checksums).
 *
 * @param durationMillis from submission to the final status
 * @param activeMillis   from the first source record to the last sink seeing the end of its input (0 if unbounded)
 */
public record JobResult(
        String jobId,
        String jobName,
        JobStatus status,
        long durationMillis,
        long activeMillis,
        Throwable failure,
        Map<String, OperatorTotals> operators,
        OperatorResults results) {

    public boolean succeeded() {
        return status == JobStatus.FINISHED;
    }
}
