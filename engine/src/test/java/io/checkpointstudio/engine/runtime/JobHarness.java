package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds small job documents and runs them in-process the way the CLI does (validate, plan, start,
 * await), for tests that check a job's output against expectations computed without the engine.
 */
public final class JobHarness {
    /** A test job that has not ended after this long is cancelled and reported as hanging. */
    private static final long TIMEOUT_SECONDS = 30;

    private JobHarness() {
    }

    /** An operator with parameters given as key, value, key, value, ... (in order). */
    public static OperatorSpec op(String id, String type, Object... params) {
        return OperatorSpec.of(id, type, map(params));
    }

    /** An ordered map from key, value, key, value, ... */
    public static Map<String, Object> map(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** A job whose operators are connected one after the other, in the order given. */
    public static JobDocument chain(Map<String, Object> config, OperatorSpec... operators) {
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 1; i < operators.length; i++) {
            edges.add(new EdgeSpec(operators[i - 1].id(), operators[i].id()));
        }
        return new JobDocument(JobDocument.FORMAT, "test-job", null, config, List.of(operators), edges, Map.of());
    }

    public static ValidatedJob validate(JobDocument doc) throws Exception {
        return JobValidator.standard().validate(doc).orThrow();
    }

    /** Validates, runs to the end and returns the result; fails the test if the job hangs. */
    public static JobResult run(JobDocument doc) throws Exception {
        return run(validate(doc));
    }

    public static JobResult run(ValidatedJob job) throws Exception {
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults())) {
            return awaitEnd(execution);
        }
    }

    /** Waits for the job's result; cancels it and fails when it does not end within the timeout. */
    public static JobResult awaitEnd(JobExecution execution) throws Exception {
        try {
            return execution.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            execution.cancel();
            throw new AssertionError("job did not end within " + TIMEOUT_SECONDS + " s; status " + execution.status(), e);
        }
    }

    /** All rows a collect sink received, each as a list (subtask 0's rows first). */
    public static List<List<Object>> rows(JobResult result, String collectId) {
        return CollectSink.rows(result.results().of(collectId)).stream().map(Arrays::asList).toList();
    }

    /** A named counter of an operator, summed over its subtasks; 0 if it was never registered. */
    public static long counter(JobResult result, String operatorId, String name) {
        OperatorTotals totals = result.operators().get(operatorId);
        if (totals == null) {
            throw new AssertionError("no operator '" + operatorId + "' in " + result.operators().keySet());
        }
        return totals.counters().getOrDefault(name, 0L);
    }

    /** A row as a list, for comparing with {@link #rows}. */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
