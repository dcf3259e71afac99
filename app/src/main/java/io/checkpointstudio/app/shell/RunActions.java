package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunOutcome;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.SavepointTarget;
import io.checkpointstudio.engine.job.JobValidationException;
import io.checkpointstudio.engine.job.Problem;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/**
 * The run commands of the toolbar and the Run menu: run (fresh or from a snapshot), take a savepoint,
 * stop with a savepoint (optionally draining), cancel, crash. Each returns at once; results and failures
 * arrive on the JavaFX thread and are logged to the console, failures of a user's action also in a dialog
 * that says what to do next.
 */
public final class RunActions {
    private final DesignerViewModel vm;
    private final MonitorModel monitor;
    private final Window owner;
    private final BooleanBinding running;
    private final BooleanBinding savepointable;
    private final javafx.beans.property.BooleanProperty starting = new javafx.beans.property.SimpleBooleanProperty(this, "starting");

    public RunActions(DesignerViewModel vm, MonitorModel monitor, Window owner) {
        this.vm = vm;
        this.monitor = monitor;
        this.owner = owner;
        this.running = Bindings.createBooleanBinding(() -> {
            RunSnapshot s = monitor.snapshotProperty().get();
            return s != null && s.running() && monitor.run() != null; // a recording is never running: nothing to command
        }, monitor.snapshotProperty(), monitor.runProperty());
        this.savepointable = Bindings.createBooleanBinding(() -> {
            RunSnapshot s = monitor.snapshotProperty().get();
            return s != null && s.running() && !s.replayed() && monitor.source() instanceof SavepointTarget;
        }, monitor.snapshotProperty(), monitor.sourceProperty());
    }

    /** True while the shown run takes savepoints: a live run or an attached Flink job that has not ended. */
    public BooleanBinding savepointableProperty() {
        return savepointable;
    }

    /** True while the shown run has not ended. */
    public BooleanBinding runningProperty() {
        return running;
    }

    /** True between pressing Run and the job being started (validation, restore pre-check, planning). */
    public javafx.beans.property.ReadOnlyBooleanProperty startingProperty() {
        return starting;
    }

    public void run() {
        run(RunRequest.fresh());
    }

    public CompletableFuture<LiveRun> run(RunRequest request) {
        long errors = vm.problems().stream().filter(Problem::isError).count();
        if (errors > 0) {
            error("Cannot run '" + vm.document().name() + "'", "The job has " + errors + (errors == 1 ? " error" : " errors")
                    + ". Fix what the Problems list shows (double-click a problem to go to it), then run again.");
            return CompletableFuture.failedFuture(new IllegalStateException("the job has errors"));
        }
        starting.set(true);
        String what = request.restores() ? "from " + request.restoreFrom() : "from the beginning";
        vm.log("Starting '" + vm.document().name() + "' " + what + "…");
        CompletableFuture<LiveRun> started = monitor.session().start(vm.document(), request,
                warning -> Platform.runLater(() -> vm.log("warning: " + warning)));
        started.whenComplete((run, failure) -> Platform.runLater(() -> {
            starting.set(false);
            if (failure != null) {
                error("Cannot start '" + vm.document().name() + "'", describeStartFailure(unwrap(failure), request));
                return;
            }
            monitor.show(run);
            vm.log("Running '" + run.jobName() + "' (job " + run.jobId() + "); edits to the job apply to the next run");
            run.result().whenComplete((result, e) -> Platform.runLater(() -> ended(run, result, e)));
        }));
        return started;
    }

    private void ended(LiveRun run, RunOutcome result, Throwable failure) {
        if (failure != null) {
            vm.log("'" + run.jobName() + "' ended abnormally: " + unwrap(failure).getMessage());
            return;
        }
        String records = result.records().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().in() + "→" + e.getValue().out())
                .collect(Collectors.joining(", "));
        vm.log("'" + run.jobName() + "' " + result.status() + " after " + result.durationMillis() + " ms"
                + (result.failure() != null ? ": " + result.failure().getMessage() : "") + " — records in→out: " + records);
    }

    /** One-click savepoint into the job's state.savepoints.dir. */
    public void savepoint() {
        savepoint(null);
    }

    /** Asks for an optional name, then takes a savepoint. */
    public void savepointNamed() {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(owner);
        ask.setHeaderText("Take a savepoint of the running job");
        ask.setContentText("Name (optional, becomes a folder):");
        ask.showAndWait().ifPresent(this::savepoint);
    }

    private void savepoint(String name) {
        if (!(monitor.source() instanceof SavepointTarget run) || !savepointable.get()) {
            return;
        }
        vm.log("Taking a savepoint into " + run.savepointLocation() + (name == null || name.isBlank() ? "" : "/" + name) + "…");
        run.takeSavepoint(name).whenComplete((path, e) -> Platform.runLater(() -> savepointDone("Savepoint", path, e)));
    }

    /** Stop-with-savepoint: the job suspends after the savepoint; with {@code drain} its sources end first and windows fire. */
    public void stopWithSavepoint(boolean drain) {
        if (!(monitor.source() instanceof SavepointTarget run) || !savepointable.get()) {
            return;
        }
        vm.log((drain ? "Draining and stopping" : "Stopping") + " '" + run.jobName() + "' with a savepoint…");
        run.stopWithSavepoint(drain).whenComplete((path, e) -> Platform.runLater(() -> savepointDone("Stop with savepoint", path, e)));
    }

    private void savepointDone(String what, String path, Throwable e) {
        if (e != null) {
            error(what + " failed", unwrap(e).getMessage() + "\n\nIf no savepoint folder is set, set state.savepoints.dir in the job's"
                    + " configuration; if the job is not RUNNING, wait for it to be.");
        } else {
            vm.log(what + " completed: " + path + (monitor.source() instanceof LiveRun ? " (restore it with Run ▸ Restore…)"
                    : " (start a Flink job from it with flink run -s " + path + ")"));
        }
    }

    /** Runs the job again from the newest valid checkpoint the last run left (after a crash, a failure or a retained cancel). */
    public void resumeLatest() {
        LiveRun last = monitor.run();
        if (last == null || running.get()) {
            return;
        }
        Path folder = last.checkpointFolder();
        if (!java.nio.file.Files.isDirectory(folder)) {
            error("Nothing to resume from", "The last run left no checkpoints in " + folder + ". Checkpoints are deleted when a job"
                    + " finishes, and when it is cancelled unless the retention is RETAIN_ON_CANCELLATION; a crash keeps them.");
            return;
        }
        run(RunRequest.from(folder));
    }

    public void cancel() {
        LiveRun run = monitor.run();
        if (run != null && running.get()) {
            vm.log("Cancelling '" + run.jobName() + "'…");
            run.cancel();
        }
    }

    /** Ends the run as if its process had been killed (its checkpoints stay for Restore). */
    public void crash() {
        LiveRun run = monitor.run();
        if (run != null && running.get()) {
            vm.log("Crashing '" + run.jobName() + "' as if its process had been killed; resume it with Run ▸ Restore… from its newest checkpoint");
            run.crash();
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static String describeStartFailure(Throwable t, RunRequest request) {
        if (t instanceof JobValidationException v) {
            return v.problems().stream().map(Problem::message).collect(Collectors.joining("\n"))
                    + "\n\nFix these problems (they are also in the Problems list) and run again.";
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        if (request.restores()) {
            return message + "\n\nOpen Run ▸ Restore… to see each operator's verdict for this snapshot, or pick another one.";
        }
        return message;
    }

    private void error(String header, String text) {
        vm.log(header + ": " + text.replace('\n', ' '));
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        a.initOwner(owner);
        a.show();
    }
}
