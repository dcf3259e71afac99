package io.checkpointstudio.app.compare;

import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.FailurePlan;
import io.checkpointstudio.app.session.FileSinks;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunOutcome;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.SinkRecords;
import io.checkpointstudio.app.session.TimeSeries;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one job twice, side A then side B, each with its own settings, the same input (the sources are
 * seeded) and the same planned failure, then reads what each run's sink delivered and compares. The sides
 * run one after the other, each in its own {@link EngineSession}, so they do not compete for the CPU and
 * their throughput can be compared. Every call returns at once; the work runs on a thread of its own.
 */
public final class RunComparison {
    private RunComparison() {
    }

    /**
     * @param sinkId     the sink whose output is compared
     * @param keyField   the field records are grouped by
     * @param failure    the failure both runs get, or null
     * @param workDir    where each side's file sinks write (a folder per side) — never the job's own output folder
     * @param timeLimit  a side still running after this long is cancelled (for unbounded sources)
     */
    public record Request(JobDocument job, RunVariant a, RunVariant b, FailurePlan failure, String sinkId, String keyField,
                          Path workDir, EngineSession.Folders folders, long timeLimitMillis) {
    }

    public record Result(Request request, RunFigures a, RunFigures b, SinkDiff diff) {
    }

    public static CompletableFuture<Result> run(Request request, Consumer<String> progress) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                RunFigures a = side(request, request.a(), "A", progress);
                RunFigures b = side(request, request.b(), "B", progress);
                progress.accept("Comparing what the sinks delivered…");
                SinkDiff diff = SinkDiff.of(a.sink().records(), b.sink().records());
                progress.accept("Done: A " + a.status() + ", B " + b.status());
                done.complete(new Result(request, a, b, diff));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "studio compare");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The document one side runs: the variant's settings, its file sinks writing into {@code workDir/<side>/<sink>}. */
    static JobDocument sideDocument(Request request, RunVariant variant, String side) {
        return FileSinks.writingInto(variant.applyTo(request.job()), op -> request.workDir().resolve(side).resolve(op.id()).toAbsolutePath());
    }

    private static RunFigures side(Request request, RunVariant variant, String side, Consumer<String> progress) throws Exception {
        JobDocument doc = sideDocument(request, variant, side);
        OperatorSpec sink = doc.operator(request.sinkId()).orElseThrow(() -> new IllegalArgumentException("no operator '" + request.sinkId() + "'"));
        progress.accept("Running " + side + " (" + variant.label() + ")…");
        try (EngineSession session = new EngineSession(request::folders)) {
            LiveRun run = session.start(doc, RunRequest.fresh(), w -> progress.accept(side + ": " + w), request.failure()).get(60, TimeUnit.SECONDS);
            RunOutcome result;
            try {
                result = run.result().get(request.timeLimitMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                progress.accept(side + " still runs after " + request.timeLimitMillis() / 1000 + " s; cancelling it");
                run.cancel();
                result = run.result().get(60, TimeUnit.SECONDS);
            }
            RunSnapshot last = finalSnapshot(run);
            return figures(variant, doc, result, last, SinkRecords.read(sink, result, request.keyField()));
        }
    }

    /** The run's snapshot once its sampler took the last one after the end. */
    private static RunSnapshot finalSnapshot(LiveRun run) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (run.snapshot().endedAt() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return run.snapshot();
    }

    static RunFigures figures(RunVariant variant, JobDocument doc, RunOutcome result, RunSnapshot s, SinkRecords sink) {
        OperatorRegistry registry = OperatorRegistry.standard();
        List<String> sources = new ArrayList<>();
        for (OperatorSpec op : doc.operators()) {
            if (registry.find(op.type()).map(OperatorDescriptor::isSource).orElse(false)) {
                sources.add(op.id());
            }
        }
        long emitted = 0;
        for (String id : sources) {
            RunOutcome.RecordCounts t = result.records().get(id);
            emitted += t == null ? 0 : t.out();
        }
        long active = result.activeMillis() > 0 ? result.activeMillis() : result.durationMillis();
        double rate = active > 0 ? emitted * 1000.0 / active : 0;
        CheckpointStatsSnapshot cp = s.checkpoints();
        TimeSeries durations = shifted(s.history().checkpointDuration(), s.startedAt());
        TimeSeries throughput = new TimeSeries();
        if (!sources.isEmpty()) {
            // the sum of every source's rate, at the first source's sample times
            List<TimeSeries.Points> series = sources.stream().map(id -> s.history().recordsOutPerSecond().get(id))
                    .filter(Objects::nonNull).map(TimeSeries::all).toList();
            if (!series.isEmpty()) {
                TimeSeries.Points first = series.get(0);
                for (int i = 0; i < first.size(); i++) {
                    double sum = 0;
                    for (TimeSeries.Points p : series) {
                        sum += i < p.size() ? p.values()[i] : 0;
                    }
                    throughput.add(first.times()[i] - s.startedAt(), sum);
                }
            }
        }
        return new RunFigures(variant, result.jobId(), result.status(), result.failure() == null ? null : result.failure().getMessage(),
                result.durationMillis(), rate, cp.counts().completed(), cp.counts().failed(), cp.summary().endToEndDuration().p50(),
                cp.summary().endToEndDuration().max(), cp.summary().checkpointedSize().avg(), cp.summary().stateSize().max(),
                s.restarts(), cp.latestRestored() == null ? 0 : cp.latestRestored().id(), durations, throughput, sink);
    }

    private static TimeSeries shifted(TimeSeries series, long origin) {
        TimeSeries out = new TimeSeries();
        TimeSeries.Points p = series.all();
        for (int i = 0; i < p.size(); i++) {
            out.add(p.times()[i] - origin, p.values()[i]);
        }
        return out;
    }
}
