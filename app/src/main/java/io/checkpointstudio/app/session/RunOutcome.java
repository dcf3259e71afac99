package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.OperatorTotals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run ended, as the app reports it: its status, how long it took, the failure if it failed and the
 * records each operator took in and gave out. What a sink delivered is read with {@link SinkRecords}.
 * The session's own type, so that no view depends on the engine's runtime.
 */
public final class RunOutcome {
    private final JobResult result;
    private final Map<String, RecordCounts> records = new LinkedHashMap<>();

    /** Records an operator took in and gave out, summed over its subtasks and over restarts. */
    public record RecordCounts(long in, long out) {
    }

    RunOutcome(JobResult result) {
        this.result = result;
        for (Map.Entry<String, OperatorTotals> e : result.operators().entrySet()) {
            records.put(e.getKey(), new RecordCounts(e.getValue().recordsIn(), e.getValue().recordsOut()));
        }
    }

    public String jobId() {
        return result.jobId();
    }

    public JobStatus status() {
        return result.status();
    }

    /** From submission to the final status. */
    public long durationMillis() {
        return result.durationMillis();
    }

    /** From the first source record to the last sink seeing the end of its input (0 if the input is unbounded). */
    public long activeMillis() {
        return result.activeMillis();
    }

    /** Why the run failed, or null. */
    public Throwable failure() {
        return result.failure();
    }

    /** Records in and out per operator id, in the job's order. */
    public Map<String, RecordCounts> records() {
        return Collections.unmodifiableMap(records);
    }

    /** The engine's result, for reading what the sinks handed back. */
    JobResult result() {
        return result;
    }
}
