package io.checkpointstudio.engine.bench;

import io.checkpointstudio.engine.cli.VersionProvider;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.StatsSummary;
import io.checkpointstudio.engine.fault.FaultInjector;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (s.incremental() && !s.backend().equalsIgnoreCase("rocksdb")) {
            return "--incremental true needs --backend rocksdb (the hashmap backend always takes full snapshots)";
        }
        if (s.failAt() != null && (s.failAt() <= 0 || s.failAt() >= 1)) {
            return "--fail-at must be between 0 and 1 (exclusive), e.g. 0.5";
        }
        if (s.unaligned() && s.mode().equalsIgnoreCase("AT_LEAST_ONCE")) {
            return "--unaligned true needs --mode EXACTLY_ONCE (unaligned checkpoints only exist for exactly-once)";
        }
        if (s.intervalMs() < 0 || (s.intervalMs() > 0 && s.intervalMs() < 10)) {
            return "--interval-ms must be 0 (off) or at least 10";
        }
        return null;
    }

    public static Map<String, Object> run(Settings s) throws Exception {
        ClicksOracle.Totals expected = ClicksOracle.totals(s.events(), s.users(), 42);
        Path checkpoints = Files.createTempDirectory("checkpoint-studio-bench-");
        Map<String, Object> config = new LinkedHashMap<>();
        if (s.intervalMs() > 0) {
            config.put("execution.checkpointing.interval", s.intervalMs() + "ms");
            config.put("execution.checkpointing.mode", s.mode().toUpperCase(Locale.ROOT));
            config.put("execution.checkpointing.unaligned.enabled", s.unaligned());
            config.put("execution.checkpointing.dir", checkpoints.toString());
        }
        config.put("state.backend.type", s.backend().toLowerCase(Locale.ROOT));
        config.put("execution.checkpointing.incremental", s.incremental());
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", 1);
        config.put("restart-strategy.fixed-delay.delay", "0ms");
        ValidatedJob job = JobValidator.standard().validate(ClicksJob.document(s.events(), s.users(), s.parallelism(), config)).orThrow();
        FaultInjector faults = new FaultInjector();
        if (s.failAt() != null) {
            // WORKLOAD.md §5: keyed instance 0 throws right after its floor(FAIL_AT * logged_in_expected / P)-th record.
            faults.failAfterRecords(ClicksJob.SUM, 0, (long) Math.floor(s.failAt() * expected.loggedIn() / s.parallelism()));
        }

        long start = System.nanoTime();
        JobResult result;
        CheckpointStatsSnapshot checkpointStats;
        long restoreMs = -1;
        try (JobExecution execution = JobExecution.start(job, RunOptions.defaults(), faults, null)) {
            result = execution.await();
            checkpointStats = execution.checkpoints();
            if (!execution.restores().isEmpty()) {
                restoreMs = execution.restores().get(0).restoreMillis(ClicksJob.SUM);
            }
        } finally {
            CheckpointStorage.deleteRecursively(checkpoints);
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
        long completed = checkpointStats.counts().completed();
        StatsSummary durations = checkpointStats.summary().endToEndDuration();
        CheckpointStats last = checkpointStats.latestCompleted();
        out.put("checkpoints_completed", completed);
        out.put("checkpoints_failed", checkpointStats.counts().failed());
        out.put("checkpoint_duration_ms_avg", completed == 0 ? null : durations.avg());
        out.put("checkpoint_duration_ms_max", completed == 0 ? null : durations.max());
        out.put("checkpoint_duration_ms_min", completed == 0 ? null : durations.min());
        out.put("checkpoint_duration_ms_p50", completed == 0 ? null : Math.round(durations.p50()));
        out.put("last_checkpoint_size_bytes", last == null ? null : last.stateSize());
        out.put("last_checkpoint_checkpointed_bytes", last == null ? null : last.checkpointedSize());
        out.put("last_checkpoint_persisted_in_flight_bytes", last == null ? null : last.persistedData());
        out.put("restore_ms", restoreMs < 0 ? null : restoreMs);
        out.put("logged_in_expected", expected.loggedIn());
        out.put("checksum", sum.checksum());
        out.put("weighted_checksum", sum.weightedChecksum());
        out.put("weighted_checksum_expected", expected.weightedChecksum());
        out.put("sink_records", sum.records());
        out.put("checksum_ok", ok);
        out.put("pipeline", "partitioned: " + s.parallelism() + " source->filter->map chains, hash by key group to "
                + s.parallelism() + " sum->sink chains; " + (s.backend().equalsIgnoreCase("rocksdb")
                ? "rocksdb = one RocksDB per sum subtask behind a write-back cache of dirty keys (flushed with a WriteBatch "
                + "in the synchronous phase), " + (s.incremental() ? "incremental snapshots (memtable flush + RocksDB checkpoint "
                + "synchronously, new SST files uploaded to shared/ asynchronously)" : "full snapshots (RocksDB snapshot "
                + "synchronously, canonical key-group write asynchronously)")
                : "hashmap = on-heap primitive long map, full snapshots (synchronous array copy, asynchronous write)"));
        if (result.failure() != null) {
            out.put("error", result.failure().toString());
        }
        return out;
    }

    private static long rate(long events, long ms) {
        return ms <= 0 ? 0 : Math.round(events / (ms / 1000.0));
    }
}
