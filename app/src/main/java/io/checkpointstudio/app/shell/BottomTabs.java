package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.ProblemsView;
import io.checkpointstudio.app.monitor.ChartsView;
import io.checkpointstudio.app.monitor.CheckpointsView;
import io.checkpointstudio.app.monitor.EventLogView;
import io.checkpointstudio.app.monitor.FaultPanel;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.snapshots.SnapshotsView;
import io.checkpointstudio.engine.job.Problem;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tabs below the designer: the job's problems and the console, then the monitor's pages (checkpoints,
 * charts, events, faults, snapshots). A run shown for the first time brings the checkpoints page forward.
 */
final class BottomTabs {
    static final String CHECKPOINTS = "checkpoints-tab";
    static final String SNAPSHOTS = "snapshots-tab";
    private final TabPane tabs = new TabPane();
    private final SnapshotsView snapshots;

    BottomTabs(DesignerViewModel vm, MonitorModel monitor, SnapshotsView snapshots, Consumer<Problem> reveal) {
        this.snapshots = snapshots;
        Tab problems = new Tab("Problems", new ProblemsView(vm, reveal));
        problems.setId("problems-tab");
        problems.textProperty().bind(Bindings.size(vm.problems()).asString("Problems (%d)"));
        Tab console = new Tab("Console", console(vm));
        CheckpointsView checkpointsView = new CheckpointsView(monitor);
        checkpointsView.setId("checkpoints-view");
        ChartsView charts = new ChartsView(monitor);
        charts.setId("charts-view");
        EventLogView events = new EventLogView(monitor);
        events.setId("event-log-view");
        FaultPanel faults = new FaultPanel(monitor);
        faults.setId("fault-panel");
        faults.onAction(vm::log);
        snapshots.setId("snapshots-view");
        tabs.getTabs().addAll(problems, console, tab("Checkpoints", CHECKPOINTS, checkpointsView), tab("Charts", "charts-tab", charts),
                tab("Events", "events-tab", events), tab("Faults", "faults-tab", new ScrollPane(faults)), tab("Snapshots", SNAPSHOTS, snapshots));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        monitor.sourceProperty().addListener((obs, old, source) -> {
            if (source != null && source != old) {
                select(CHECKPOINTS);
            }
        });
    }

    TabPane pane() {
        return tabs;
    }

    void select(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Run ▸ Restore…: the snapshots page, and the restore dialog for the snapshot selected there. */
    void openRestore() {
        select(SNAPSHOTS);
        snapshots.openRestore(snapshots.table().getSelectionModel().getSelectedItem());
    }

    private static ListView<String> console(DesignerViewModel vm) {
        ListView<String> console = new ListView<>(vm.console());
        console.setId("console");
        console.getStyleClass().add("cs-console");
        vm.console().addListener((ListChangeListener<String>) c -> console.scrollTo(vm.console().size() - 1));
        return console;
    }

    private static Tab tab(String text, String id, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        return tab;
    }
}
