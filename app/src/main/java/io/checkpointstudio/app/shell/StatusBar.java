package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.RunSource;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.Problem;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The window's bottom line. Left: the file, whether it is modified, and the run shown in the monitor. Right:
 * the job's size, its problems, the zoom, then any indicator a feature adds with {@link #addIndicator}.
 */
public final class StatusBar {
    private final HBox bar = new HBox();
    private final HBox indicators = new HBox();

    StatusBar(DesignerViewModel vm, GraphCanvasView canvas, MonitorModel monitor) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        indicators.setAlignment(Pos.CENTER_LEFT);
        indicators.getStyleClass().add("cs-status-indicators");
        indicators.managedProperty().bind(Bindings.isNotEmpty(indicators.getChildren())); // no gap while there is none
        bar.getChildren().addAll(file(vm), dirty(vm), runStatus(monitor), spacer, counts(vm), problems(vm), zoom(canvas), indicators);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("cs-status-bar");
    }

    public Node node() {
        return bar;
    }

    /**
     * Adds an indicator at the right end (after the zoom), for example the state of the local services. It is
     * styled as the bar's other labels; give it an id so tests and lessons can find it.
     */
    public void addIndicator(Node indicator) {
        indicator.getStyleClass().add("cs-status-indicator");
        indicators.getChildren().add(indicator);
    }

    private static Label file(DesignerViewModel vm) {
        Label file = new Label();
        file.setId("status-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.fileProperty().get();
            return p == null ? "Not saved yet" : p.toString();
        }, vm.fileProperty()));
        return file;
    }

    private static Label dirty(DesignerViewModel vm) {
        Label dirty = new Label("● Modified");
        dirty.setId("status-dirty");
        dirty.getStyleClass().add("cs-dirty");
        dirty.visibleProperty().bind(vm.dirtyProperty());
        return dirty;
    }

    private static Label counts(DesignerViewModel vm) {
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            JobDocument d = vm.document();
            return d.operators().size() + " operators · " + d.edges().size() + " connections";
        }, vm.documentProperty()));
        return counts;
    }

    private static Label problems(DesignerViewModel vm) {
        Label problems = new Label();
        problems.setId("status-problems");
        vm.problems().addListener((ListChangeListener<Problem>) c -> {
            problems.getStyleClass().removeAll("cs-errors", "cs-warnings");
            boolean errors = vm.problems().stream().anyMatch(Problem::isError);
            if (!vm.problems().isEmpty()) {
                problems.getStyleClass().add(errors ? "cs-errors" : "cs-warnings");
            }
        });
        problems.textProperty().bind(Bindings.createStringBinding(() -> {
            long e = vm.problems().stream().filter(Problem::isError).count();
            long w = vm.problems().size() - e;
            return e == 0 && w == 0 ? "Valid" : e + (e == 1 ? " error" : " errors") + ", " + w + (w == 1 ? " warning" : " warnings");
        }, vm.problems()));
        return problems;
    }

    private static Label zoom(GraphCanvasView canvas) {
        Label zoom = new Label();
        zoom.textProperty().bind(canvas.zoomLevelProperty().multiply(100).asString("%.0f %%"));
        return zoom;
    }

    private static Label runStatus(MonitorModel monitor) {
        Label run = new Label();
        run.setId("status-run");
        run.getStyleClass().add("cs-run-status");
        monitor.snapshotProperty().addListener((obs, old, now) -> showRunStatus(run, now, monitor.source()));
        return run;
    }

    private static void showRunStatus(Label label, RunSnapshot s, RunSource source) {
        if (s == null) {
            label.setText("");
            return;
        }
        long end = s.replayed() ? s.asOf() : s.endedAt() > 0 ? s.endedAt() : System.currentTimeMillis();
        long secs = Math.max(0, (end - s.startedAt()) / 1000);
        CheckpointStatsSnapshot.Counts counts = s.checkpoints().counts();
        String origin = source == null ? "" : source.origin();
        String text = s.status() + " · " + s.jobName() + (origin.isEmpty() ? "" : " " + origin) + " · " + String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60)
                + " · checkpoints " + counts.completed() + " completed" + (counts.failed() > 0 ? ", " + counts.failed() + " failed" : "")
                + (s.restarts() > 0 ? " · " + s.restarts() + (s.restarts() == 1 ? " restart" : " restarts") : "")
                + (s.running() && source != null && source.live() ? " · edits apply to the next run" : "");
        label.setText(text);
        label.getStyleClass().removeIf(c -> !c.equals("cs-run-status") && !c.equals("label"));
        label.getStyleClass().add(s.status().name().toLowerCase(Locale.ROOT));
    }
}
