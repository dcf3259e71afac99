package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.checkpoint.TaskStateHandle;
import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.JobConfig;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidationException;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The app's one door to the engine. Every method returns at once: work that touches the engine, the disk
 * or the network runs on the session's own threads and completes a future, so the JavaFX thread never
 * waits. One job runs at a time.
 */
public final class EngineSession implements AutoCloseable {
    private final ExecutorService worker = Executors.newFixedThreadPool(2, daemon("studio engine"));
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("studio sampler"));
    private final JobValidator validator = JobValidator.standard();
    private final Supplier<Folders> folders;
    private volatile LiveRun current;

    /** Where the app's runs keep checkpoints and savepoints when a job names no folder (the studio's settings). */
    public record Folders(Path checkpoints, Path savepoints) {
    }

    /** A session whose runs use the engine's defaults for folders a job does not name. */
    public EngineSession() {
        this(() -> null);
    }

    /** A session whose runs use {@code folders} (read at each start, so a settings change applies to the next run). */
    public EngineSession(Supplier<Folders> folders) {
        this.folders = folders;
    }

    /** Validates the job, applies the request's overrides and starts it; fails if a run is still going. */
    public CompletableFuture<LiveRun> start(JobDocument document, RunRequest request, Consumer<String> warnings) {
        return start(document, request, warnings, null);
    }

    /**
     * As {@link #start(JobDocument, RunRequest, Consumer)}, with a failure planned before the job starts (none
     * when null): the same plan fails two runs at the same record.
     */
    public CompletableFuture<LiveRun> start(JobDocument document, RunRequest request, Consumer<String> warnings, FailurePlan failure) {
        FaultInjector faults = failure == null ? new FaultInjector() : failure.injector();
        LiveRun running = current;
        if (running != null && running.snapshot().running()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "'" + running.jobName() + "' is still running; stop or cancel it first"));
        }
        return call(() -> {
            ValidatedJob job = validate(applyOverrides(withFolders(document), request));
            SnapshotRestore restore = null;
            if (request.restoreFrom() != null) {
                restore = SnapshotPaths.open(request.restoreFrom(), warnings);
            }
            JobExecution execution = JobExecution.startFrom(job, RunOptions.defaults(), faults, restore);
            LiveRun run = new LiveRun(execution, savepointDirectory(job.config()), restore == null ? null : restore.dir().toString(), sampler);
            current = run;
            return run;
        });
    }

    /** The current or last run. */
    public Optional<LiveRun> current() {
        return Optional.ofNullable(current);
    }

    /** "Will this restore?": the verdict per operator of restoring {@code snapshot} into the (possibly edited) job. */
    public CompletableFuture<RestoreCheck.Report> checkRestore(JobDocument document, Path snapshot, RunRequest request) {
        return call(() -> {
            ValidatedJob job = validate(applyOverrides(withFolders(document), request));
            SnapshotRestore restore = SnapshotPaths.open(snapshot, w -> { });
            return RestoreCheck.check(job, restore, request.allowNonRestoredState());
        });
    }

    /** Retained checkpoints and savepoints in the job's checkpoint and savepoint folders, newest first. */
    public CompletableFuture<List<SnapshotEntry>> snapshots(JobDocument document, Consumer<String> skipped) {
        return call(() -> {
            JobConfig config = JobConfig.parse(withFolders(document).config(), new ArrayList<>());
            CheckpointSettings settings = CheckpointSettings.of(config);
            return SnapshotCatalog.list(settings.directory(), savepointDirectory(config), skipped);
        });
    }

    /** The operators of a snapshot that hold state, in the snapshot's order. */
    public CompletableFuture<List<String>> statefulOperators(Path snapshot) {
        return call(() -> {
            SnapshotRestore restore = SnapshotPaths.open(snapshot, w -> { });
            List<String> ops = new ArrayList<>();
            for (TaskStateHandle t : restore.metadata().tasks()) {
                for (String op : t.operatorIds()) {
                    if (!StateEntries.read(restore, op).isEmpty()) {
                        ops.add(op);
                    }
                }
            }
            return ops;
        });
    }

    /** Every key of one operator in a snapshot with its value as text. */
    public CompletableFuture<Map<String, String>> state(Path snapshot, String operatorId) {
        return call(() -> StateEntries.read(SnapshotPaths.open(snapshot, w -> { }), operatorId));
    }

    /** The keys of one operator that differ from snapshot {@code before} to {@code after}. */
    public CompletableFuture<StateDiff> diff(Path before, Path after, String operatorId) {
        return call(() -> {
            SnapshotRestore a = SnapshotPaths.open(before, w -> { });
            SnapshotRestore b = SnapshotPaths.open(after, w -> { });
            Map<String, String> x = a.hasOperator(operatorId) ? StateEntries.read(a, operatorId) : Map.of();
            Map<String, String> y = b.hasOperator(operatorId) ? StateEntries.read(b, operatorId) : Map.of();
            return StateDiff.of(operatorId, x, y);
        });
    }

    /** Where savepoints go: {@code state.savepoints.dir}, or a {@code savepoints} folder next to the default checkpoint folder. */
    public static Path savepointDirectory(JobConfig config) {
        Path configured = CheckpointSettings.of(config).savepointDirectory();
        return configured != null ? configured : CheckpointSettings.defaultDirectory().resolveSibling("savepoints");
    }

    /** The job with the studio's folders filled in where it names none. */
    JobDocument withFolders(JobDocument document) {
        Folders f = folders.get();
        if (f == null) {
            return document;
        }
        JobDocument doc = document;
        if (ConfigOptions.CHECKPOINTS_DIRECTORY.keys().stream().noneMatch(doc.config()::containsKey)) {
            doc = doc.withConfigValue(ConfigOptions.CHECKPOINTS_DIRECTORY.key(), f.checkpoints().toString());
        }
        if (ConfigOptions.SAVEPOINT_DIRECTORY.keys().stream().noneMatch(doc.config()::containsKey)) {
            doc = doc.withConfigValue(ConfigOptions.SAVEPOINT_DIRECTORY.key(), f.savepoints().toString());
        }
        return doc;
    }

    /** The document the engine runs: the user's job with the restore dialog's choices applied. */
    static JobDocument applyOverrides(JobDocument document, RunRequest request) {
        JobDocument doc = document;
        if (request.backend() != null) {
            doc = withOption(doc, ConfigOptions.STATE_BACKEND, request.backend().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (request.parallelism() != null) {
            doc = withOption(doc, ConfigOptions.PARALLELISM, request.parallelism());
            List<OperatorSpec> ops = new ArrayList<>();
            for (OperatorSpec o : doc.operators()) {
                ops.add(new OperatorSpec(o.id(), o.type(), o.name(), null, o.params()));
            }
            doc = doc.withOperators(ops);
        }
        if (request.allowNonRestoredState()) {
            doc = withOption(doc, ConfigOptions.IGNORE_UNCLAIMED_STATE, true);
        }
        return doc;
    }

    private static JobDocument withOption(JobDocument doc, ConfigOption<?> option, Object value) {
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        String written = option.keys().stream().filter(config::containsKey).findFirst().orElse(option.key());
        option.keys().forEach(config::remove);
        config.put(written, value);
        return doc.withConfig(config);
    }

    private ValidatedJob validate(JobDocument doc) throws JobValidationException {
        return validator.validate(doc).orThrow();
    }

    private <T> CompletableFuture<T> call(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("the studio's engine session is closed", e));
        }
        return f;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        LiveRun run = current;
        if (run != null && run.snapshot().running()) {
            run.cancel();
        }
        worker.shutdown();
        sampler.shutdown();
    }
}
