package io.checkpointstudio.engine.bench;

import io.checkpointstudio.engine.cli.VersionProvider;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Runs the clicks workload and reports the fields of WORKLOAD.md §6. */
public final class ClicksBenchmark {
    private ClicksBenchmark() {
    }

    /** The command's parameters (WORKLOAD.md §2). */
    public record Settings(long events, long users, int parallelism, long intervalMs, String mode, String backend,
                           boolean incremental, boolean unaligned, Double failAt) {
    }

    /** Why these settings cannot run yet or at all, or null. */
    public static String unsupported(Settings s) {
        if (s.events() < 1 || s.users() < 1 || s.parallelism() < 1) {
            return "--events, --users and --parallelism must be at least 1";
        }
        if (s.users() > Integer.MAX_VALUE) {
            return "--users must be at most " + Integer.MAX_VALUE;
        }
        if (!s.mode().equalsIgnoreCase("EXACTLY_ONCE") && !s.mode().equalsIgnoreCase("AT_LEAST_ONCE")) {
            return "--mode must be EXACTLY_ONCE or AT_LEAST_ONCE, not " + s.mode();
        }
        if (!s.backend().equalsIgnoreCase("hashmap") && !s.backend().equalsIgnoreCase("rocksdb")) {
            return "--backend must be hashmap or rocksdb, not " + s.backend();
        }
        if (s.intervalMs() > 0) {
            return "checkpointing (--interval-ms > 0) is not available in this build yet; use --interval-ms 0";
        }
        if (s.failAt() != null) {
            return "--fail-at needs checkpointing and restarts, which are not available in this build yet";
        }
        if (s.unaligned() || s.incremental() || !s.backend().equalsIgnoreCase("hashmap") || !s.mode().equalsIgnoreCase("EXACTLY_ONCE")) {
            return "--mode, --backend, --incremental and --unaligned only matter with checkpointing, which is not available in this build yet";
        }
        return null;
    }

    public static Map<String, Object> run(Settings s) throws Exception {
        ClicksOracle.Totals expected = ClicksOracle.totals(s.events(), s.users(), 42);
        ValidatedJob job = JobValidator.standard().validate(ClicksJob.document(s.events(), s.users(), s.parallelism(), Map.of())).orThrow();

        long start = System.nanoTime();
        JobResult result;
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults())) {
            result = execution.await();
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000L;

        ChecksumSink.Checksum sum = ChecksumSink.Checksum.combine(result.results().of(ClicksJob.SINK));
        boolean ok = result.status() == JobStatus.FINISHED
                && sum.checksum() == expected.loggedIn()
                && sum.weightedChecksum() == expected.weightedChecksum()
                && (s.failAt() != null || sum.records() == expected.loggedIn());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", "checkpoint-studio");
        out.put("version", VersionProvider.version());
        out.put("events", s.events());
        out.put("users", s.users());
        out.put("parallelism", s.parallelism());
        out.put("interval_ms", s.intervalMs());
        out.put("mode", s.mode().toUpperCase(Locale.ROOT));
        out.put("backend", s.backend().toLowerCase(Locale.ROOT));
        out.put("incremental", s.incremental());
        out.put("unaligned", s.unaligned());
        out.put("fail_at", s.failAt());
        out.put("status", result.status().name());
        out.put("wall_ms", wallMs);
        out.put("records_per_s", rate(s.events(), wallMs));
        out.put("active_ms", result.activeMillis());
        out.put("records_per_s_active", rate(s.events(), result.activeMillis()));
        out.put("checkpoints_completed", 0);
        out.put("checkpoint_duration_ms_avg", null);
        out.put("checkpoint_duration_ms_max", null);
        out.put("checkpoint_duration_ms_min", null);
        out.put("checkpoint_duration_ms_p50", null);
        out.put("last_checkpoint_size_bytes", null);
        out.put("last_checkpoint_checkpointed_bytes", null);
        out.put("restore_ms", null);
        out.put("logged_in_expected", expected.loggedIn());
        out.put("checksum", sum.checksum());
        out.put("weighted_checksum", sum.weightedChecksum());
        out.put("weighted_checksum_expected", expected.weightedChecksum());
        out.put("sink_records", sum.records());
        out.put("checksum_ok", ok);
        out.put("pipeline", "partitioned: " + s.parallelism() + " source->filter->map chains, hash by key group to "
                + s.parallelism() + " sum->sink chains; state on heap (primitive long map)");
        if (result.failure() != null) {
            out.put("error", result.failure().toString());
        }
        return out;
    }

    private static long rate(long events, long ms) {
        return ms <= 0 ? 0 : Math.round(events / (ms / 1000.0));
    }
}
