package io.checkpointstudio.engine.bench;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clicks workload as a job document built from the same operators a user has: datagen-clicks → filter
 * (loggedIn) → map to (userId, 1L) → key-by userId → sum → checksum-sink.
 */
public final class ClicksJob {
    public static final String SOURCE = "clicks";
    public static final String SUM = "per-user";
    public static final String SINK = "checksum";

    private ClicksJob() {
    }

    public static JobDocument document(long events, long users, int parallelism, Map<String, Object> config) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("parallelism.default", parallelism);
        cfg.putAll(config);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userId", "userId");
        fields.put("clicks", "1L");
        List<OperatorSpec> operators = List.of(
                OperatorSpec.of(SOURCE, "datagen-clicks", Map.of("events", events, "users", users, "seed", 42L)),
                OperatorSpec.of("logged-in", "filter", Map.of("condition", "loggedIn")),
                OperatorSpec.of("pair", "map", Map.of("fields", fields)),
                OperatorSpec.of("by-user", "key-by", Map.of("key", "userId")),
                OperatorSpec.of(SUM, "sum", Map.of("field", "clicks")),
                OperatorSpec.of(SINK, "checksum-sink", Map.of("keyField", "userId", "valueField", "clicks", "keyBound", users)));
        List<EdgeSpec> edges = List.of(
                new EdgeSpec(SOURCE, "logged-in"), new EdgeSpec("logged-in", "pair"), new EdgeSpec("pair", "by-user"),
                new EdgeSpec("by-user", SUM), new EdgeSpec(SUM, SINK));
        return new JobDocument(JobDocument.FORMAT, "clicks-benchmark", "The clicks workload of WORKLOAD.md", cfg, operators, edges, Map.of());
    }
}
