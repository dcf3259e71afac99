package io.checkpointstudio.app.training;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.command.SetConfigCommand;
import io.checkpointstudio.app.designer.command.SetParamCommand;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.FileSinks;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.SampleGallery;
import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * Performs the actions of a lesson step in the studio window, one after the other, on the JavaFX thread:
 * opening a sample, setting options through the designer's command stack (so Edit ▸ Undo takes them back),
 * the Run menu's commands, fault injection into the running job, waiting for something to happen in the
 * run, and pointing at a part of the window.
 *
 * <p>A sample opened by a lesson is a copy (not saved anywhere yet) whose checkpoint and savepoint folders
 * are the studio's (Settings) and whose file sinks write under {@code <settings dir>/lesson-output/<sample>/<sink>},
 * so a lesson never writes next to the samples, and tests redirect everything with the settings folder.
 *
 * <p>{@code @wait} counts from the moment the step's actions started: {@code @wait checkpoints 2} waits for
 * two more completed checkpoints of the current run (all of a run started during the step).
 */
public final class LessonRunner {
    /** The style class a pointed-at tab carries for {@link #POINT_MILLIS} ms. */
    public static final String POINTER = "cs-lesson-pointer";
    /** The pseudo-class a pointed-at node has for {@link #POINT_MILLIS} ms (a pseudo-class: views may rewrite their style classes). */
    public static final javafx.css.PseudoClass POINTED = javafx.css.PseudoClass.getPseudoClass("lesson-pointer");
    static final long POINT_MILLIS = 4000;
    private static final Duration WAIT_LIMIT = Duration.ofMinutes(3);
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lesson-ticks");
        t.setDaemon(true);
        return t;
    });

    private final MainWindow window;
    private final DesignerViewModel vm;
    private final MonitorModel monitor;
    private final ReadOnlyObjectWrapper<String> pointedAt = new ReadOnlyObjectWrapper<>(this, "pointedAt");
    private Consumer<String> onShow = view -> { };
    private JobDocument lessonDocument;
    private Baseline baseline;
    private volatile boolean stopped;

    public LessonRunner(MainWindow window) {
        this.window = window;
        this.vm = window.viewModel();
        this.monitor = window.monitor();
    }

    /** Called with the view an {@code @show} names (e.g. summary-table). */
    public void onShow(Consumer<String> show) {
        this.onShow = show;
    }

    /** The node or tab id the latest {@code @point} pointed at. */
    public ReadOnlyObjectProperty<String> pointedAtProperty() {
        return pointedAt.getReadOnlyProperty();
    }

    /** Where a lesson's file sinks write: {@code <settings dir>/lesson-output}. */
    public Path outputRoot() {
        return window.settings().dir().resolve("lesson-output");
    }

    /** Stops waiting: a running {@link #perform} completes exceptionally at its next check. */
    public void stop() {
        stopped = true;
    }

    /** Performs the actions in order (call on the FX thread); completes on the FX thread, exceptionally with what went wrong. */
    public CompletableFuture<Void> perform(List<LessonAction> actions) {
        stopped = false;
        baseline = new Baseline(monitor.run(), monitor.snapshot());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (LessonAction a : actions) {
            chain = chain.thenCompose(v -> onFx(() -> perform(a)));
        }
        return chain;
    }

    private CompletableFuture<Void> perform(LessonAction a) {
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("stopped"));
        }
        return switch (a.kind()) {
            case LOAD -> load(a.target());
            case SET -> done(() -> set(a.target(), a.typedValue()));
            case PARAM -> done(() -> param(a.target().split(" ")[0], a.target().split(" ")[1], a.typedValue()));
            case RUN -> run();
            case CANCEL -> withRun(a, r -> window.runs().cancel()).thenCompose(v -> awaitEnd());
            case CRASH -> withRun(a, r -> window.runs().crash()).thenCompose(v -> awaitEnd());
            case RESUME -> resume();
            case SAVEPOINT -> running(a).thenCompose(r -> {
                vm.log("Lesson: taking a savepoint into " + r.savepointDirectory());
                return r.savepoint(null).thenAccept(p -> Platform.runLater(() -> vm.log("Savepoint completed: " + p)));
            });
            case STOP_WITH_SAVEPOINT -> running(a).thenCompose(r -> {
                vm.log("Lesson: stopping '" + r.jobName() + "' with a savepoint");
                return r.stopWithSavepoint(null, false).thenAccept(p -> Platform.runLater(() -> vm.log("Stop with savepoint completed: " + p)));
            }).thenCompose(v -> awaitEnd());
            case FAIL -> withRun(a, r -> r.failNow(a.target(), -1));
            case FAIL_AFTER -> withRun(a, r -> r.failAfter(a.target(), -1, a.number()));
            case FAIL_CHECKPOINT -> withRun(a, r -> {
                for (long i = 0; i < a.number(); i++) {
                    r.failNextCheckpoint();
                }
            });
            case SLOW -> withRun(a, r -> r.slow(a.target(), a.number()));
            case WAIT -> await(a);
            case POINT -> done(() -> point(a.target()));
            case SHOW -> done(() -> onShow.accept(a.target()));
        };
    }

    // ---- the actions ------------------------------------------------------------------------------

    private CompletableFuture<Void> load(String sampleFile) {
        if (vm.isDirty() && vm.document() != lessonDocument && !window.files().confirmDiscard()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the open job has unsaved changes"));
        }
        Path file = SampleGallery.folder().resolve(sampleFile);
        return CompletableFuture.supplyAsync(() -> JobDocuments.read(file)).thenCompose(r -> onFx(() -> {
            if (r.document().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("cannot read " + file + ": " + r.problems()));
            }
            JobDocument doc = forLesson(r.document().get(), outputRoot());
            vm.load(doc, null);
            lessonDocument = vm.document();
            vm.log("Lesson: opened a copy of " + file.getFileName() + " (checkpoints and savepoints in the studio's folders, output in "
                    + outputRoot().resolve(doc.name()) + ")");
            Platform.runLater(window.canvas()::fitToWindow);
            return CompletableFuture.completedFuture(null);
        }));
    }

    /** The sample as a lesson runs it: the studio's checkpoint and savepoint folders, file sinks under {@code output/<job name>/<sink id>}. */
    static JobDocument forLesson(JobDocument sample, Path output) {
        Map<String, Object> config = new LinkedHashMap<>(sample.config());
        ConfigOptions.CHECKPOINTS_DIRECTORY.keys().forEach(config::remove);
        ConfigOptions.SAVEPOINT_DIRECTORY.keys().forEach(config::remove);
        return FileSinks.writingInto(sample.withConfig(config), op -> output.resolve(sample.name()).resolve(op.id()));
    }

    /** Sets an option under the name the job already uses for it (the guide's older names stay), else its current name. */
    void set(String key, Object value) {
        ConfigOption<?> option = ConfigOptions.find(key).orElseThrow(() -> new IllegalArgumentException("no option " + key));
        Map<String, Object> values = new LinkedHashMap<>();
        String written = option.keys().stream().filter(vm.document().config()::containsKey).findFirst().orElse(key);
        option.keys().stream().filter(k -> !k.equals(written) && vm.document().config().containsKey(k)).forEach(k -> values.put(k, null));
        values.put(written, value);
        vm.execute(new SetConfigCommand(values, "Set " + written));
        vm.log("Lesson: set " + written + " = " + value);
        lessonDocument = vm.document();
    }

    void param(String operator, String param, Object value) {
        if (vm.document().operator(operator).isEmpty()) {
            throw new IllegalArgumentException("the job has no operator '" + operator + "'");
        }
        vm.execute(new SetParamCommand(operator, param, value));
        vm.log("Lesson: set " + operator + "." + param + " = " + value);
        lessonDocument = vm.document();
    }

    private CompletableFuture<Void> run() {
        if (monitor.snapshot() != null && monitor.snapshot().running()) {
            return CompletableFuture.failedFuture(new IllegalStateException("a job is still running; cancel it first"));
        }
        // Validation runs in the background after every edit: run what the problems list describes.
        return poll(() -> vm.validatedDocumentProperty().get() == vm.document() && !vm.validatingProperty().get(), "the job to be validated")
                .thenCompose(v -> window.runs().run(RunRequest.fresh()))
                .thenCompose(started -> poll(() -> monitor.run() == started, "the run to be shown"));
    }

    private CompletableFuture<Void> resume() {
        LiveRun last = monitor.run();
        if (last == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("there is no earlier run to resume"));
        }
        window.runs().resumeLatest();
        return poll(() -> monitor.run() != last, "the resumed run to start");
    }

    private CompletableFuture<Void> withRun(LessonAction a, Consumer<LiveRun> action) {
        return running(a).thenAccept(r -> {
            vm.log("Lesson: " + a.describe());
            action.accept(r);
        });
    }

    private CompletableFuture<LiveRun> running(LessonAction a) {
        LiveRun r = monitor.run();
        if (r == null || !r.snapshot().running()) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot " + a.describe() + ": no job is running (run it first)"));
        }
        if ((a.kind() == LessonAction.Kind.FAIL || a.kind() == LessonAction.Kind.FAIL_AFTER || a.kind() == LessonAction.Kind.SLOW)
                && !r.operators().containsKey(a.target())) {
            return CompletableFuture.failedFuture(new IllegalStateException("the running job has no operator '" + a.target() + "'"));
        }
        return CompletableFuture.completedFuture(r);
    }

    private CompletableFuture<Void> awaitEnd() {
        return poll(() -> monitor.snapshot() == null || !monitor.snapshot().running(), "the job to end");
    }

    private CompletableFuture<Void> await(LessonAction a) {
        String what = a.describe();
        return switch (a.target()) {
            case "status" -> poll(() -> monitor.snapshot() != null && monitor.snapshot().status().name().equals(a.value().toUpperCase(Locale.ROOT)), what);
            case "running" -> poll(() -> monitor.snapshot() != null && monitor.snapshot().status() == JobStatus.RUNNING, what);
            default -> {
                long from = baseline.count(a.target(), monitor.run());
                yield poll(() -> {
                    RunSnapshot s = monitor.snapshot();
                    if (s != null && count(a.target(), s) >= from + a.number()) {
                        return true;
                    }
                    if (s != null && !s.running()) {
                        throw new IllegalStateException("the job ended (" + s.status() + ") before " + what.replace("wait for ", ""));
                    }
                    return false;
                }, what);
            }
        };
    }

    /** The count {@code @wait} compares: completed checkpoints, failed checkpoints, restarts or savepoints of the run. */
    static long count(String what, RunSnapshot s) {
        if (s == null) {
            return 0;
        }
        return switch (what) {
            case "checkpoints" -> s.events().stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted c && !c.savepoint()).count();
            case "savepoints" -> s.events().stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted c && c.savepoint()).count();
            case "failed-checkpoints" -> s.events().stream().filter(e -> e instanceof EngineEvent.CheckpointFailed).count();
            case "restarts" -> s.restarts();
            default -> throw new IllegalArgumentException("cannot count " + what);
        };
    }

    /** The counts at the start of a step, for the run shown then; a run started later counts from zero. */
    private record Baseline(LiveRun run, RunSnapshot snapshot) {
        long count(String what, LiveRun now) {
            return now != null && now == run ? LessonRunner.count(what, snapshot) : 0;
        }
    }

    /** Selects a bottom tab (by id, or "console-tab" by its text) or highlights the node with that id, for a few seconds. */
    public void point(String target) {
        pointedAt.set(target);
        for (Tab t : window.bottomTabs().getTabs()) {
            if (target.equals(t.getId()) || target.equals(t.getText().replaceAll("\\s*\\(.*\\)", "").toLowerCase(Locale.ROOT) + "-tab")) {
                window.bottomTabs().getSelectionModel().select(t);
                pulse(t.getStyleClass());
                return;
            }
        }
        if (target.startsWith("prop-")) {
            vm.clearSelection(); // the job's options show in the property panel when nothing is selected
        }
        Platform.runLater(() -> {
            Node scene = window.canvas().getScene().getRoot();
            Node n = scene.lookup("#" + target.replaceFirst("^prop-", "row-"));
            if (n == null) {
                n = scene.lookup("#" + target);
            }
            if (n != null) {
                Node pointed = n;
                pointed.pseudoClassStateChanged(POINTED, true);
                PauseTransition later = new PauseTransition(javafx.util.Duration.millis(POINT_MILLIS));
                later.setOnFinished(e -> pointed.pseudoClassStateChanged(POINTED, false));
                later.play();
            } else {
                vm.log("Lesson: nothing in the window has the id '" + target + "'");
            }
        });
    }

    private static void pulse(javafx.collections.ObservableList<String> styleClass) {
        if (!styleClass.contains(POINTER)) {
            styleClass.add(POINTER);
        }
        PauseTransition later = new PauseTransition(javafx.util.Duration.millis(POINT_MILLIS));
        later.setOnFinished(e -> styleClass.remove(POINTER));
        later.play();
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    private static CompletableFuture<Void> done(Runnable r) {
        try {
            r.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes when the condition (checked on the FX thread every 100 ms) holds; fails after three minutes or when stopped. */
    private CompletableFuture<Void> poll(BooleanSupplier condition, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        ScheduledFuture<?>[] tick = new ScheduledFuture<?>[1];
        tick[0] = TICKS.scheduleWithFixedDelay(() -> Platform.runLater(() -> {
            if (done.isDone()) {
                return;
            }
            try {
                if (condition.getAsBoolean()) {
                    done.complete(null);
                } else if (stopped) {
                    done.completeExceptionally(new IllegalStateException("stopped waiting for " + what));
                } else if (System.nanoTime() > deadline) {
                    done.completeExceptionally(new IllegalStateException("gave up waiting for " + what + " after " + WAIT_LIMIT.toMinutes() + " min"));
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            if (done.isDone()) {
                tick[0].cancel(false);
            }
        }), 0, 100, TimeUnit.MILLISECONDS);
        return done;
    }

    /** Runs the step on the FX thread and flattens its future. */
    private static <T> CompletableFuture<T> onFx(java.util.function.Supplier<CompletableFuture<T>> step) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                step.get().whenComplete((v, e) -> {
                    if (e != null) {
                        out.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
                    } else {
                        out.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        };
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
        return out;
    }
}
