package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.OperatorTotals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line JSON summary of {@code run --json}. */
final class RunSummary {
    private RunSummary() {
    }

    static Map<String, Object> of(JobResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", r.jobName());
        out.put("job_id", r.jobId());
        out.put("status", r.status().name());
        out.put("duration_ms", r.durationMillis());
        if (r.failure() != null) {
            out.put("error", r.failure().getClass().getSimpleName() + ": " + r.failure().getMessage());
        }
        Map<String, Object> operators = new LinkedHashMap<>();
        for (Map.Entry<String, OperatorTotals> e : r.operators().entrySet()) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("records_in", e.getValue().recordsIn());
            op.put("records_out", e.getValue().recordsOut());
            e.getValue().counters().forEach(op::put);
            List<Object> results = r.results().of(e.getKey());
            if (!results.isEmpty() && results.get(0) instanceof ChecksumSink.Checksum) {
                ChecksumSink.Checksum c = ChecksumSink.Checksum.combine(results);
                op.put("checksum", c.checksum());
                op.put("weighted_checksum", c.weightedChecksum());
                op.put("keys", c.keys());
            } else if (!results.isEmpty() && results.get(0) instanceof CollectSink.Collected) {
                op.put("collected", CollectSink.rows(results).size());
            }
            operators.put(e.getKey(), op);
        }
        out.put("operators", operators);
        return out;
    }
}
