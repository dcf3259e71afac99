package io.checkpointstudio.app.compare;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ready-made pair of settings to compare; side A is the baseline the other side is measured against. */
public record ComparePreset(String name, RunVariant a, RunVariant b) {

    @Override
    public String toString() {
        return name;
    }

    /**
     * The presets for a job. "EXACTLY_ONCE vs AT_LEAST_ONCE" is end to end: the checkpointing mode and the
     * delivery guarantee ({@code semantic}) of every sink that has one, since a transactional sink set to
     * EXACTLY_ONCE would hide what AT_LEAST_ONCE does to the output.
     */
    public static List<ComparePreset> forJob(JobDocument job) {
        Map<String, String> exactly = new LinkedHashMap<>();
        Map<String, String> atLeast = new LinkedHashMap<>();
        exactly.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        atLeast.put("execution.checkpointing.mode", "AT_LEAST_ONCE");
        OperatorRegistry registry = OperatorRegistry.standard();
        for (OperatorSpec op : job.operators()) {
            OperatorDescriptor d = registry.find(op.type()).orElse(null);
            if (d != null && d.isSink() && d.param("semantic").isPresent()) {
                exactly.put(op.id() + ".semantic", "EXACTLY_ONCE");
                atLeast.put(op.id() + ".semantic", "AT_LEAST_ONCE");
            }
        }
        return List.of(
                new ComparePreset("EXACTLY_ONCE vs AT_LEAST_ONCE", new RunVariant("EXACTLY_ONCE", exactly), new RunVariant("AT_LEAST_ONCE", atLeast)),
                new ComparePreset("Aligned vs unaligned checkpoints",
                        new RunVariant("aligned", Map.of("execution.checkpointing.unaligned.enabled", "false")),
                        new RunVariant("unaligned", Map.of("execution.checkpointing.mode", "EXACTLY_ONCE",
                                "execution.checkpointing.unaligned.enabled", "true"))),
                new ComparePreset("hashmap vs RocksDB", new RunVariant("hashmap", Map.of("state.backend.type", "hashmap")),
                        new RunVariant("rocksdb", Map.of("state.backend.type", "rocksdb"))),
                new ComparePreset("Custom", new RunVariant("A", Map.of()), new RunVariant("B", Map.of())));
    }
}
