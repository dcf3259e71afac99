package io.checkpointstudio.app.monitor;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The checkpoints page of the monitor: the timeline on top, and below it the history, the selected
 * checkpoint's details, and the summary with the configuration. One selection is shared by all of them.
 * Before the first run it shows only a hint.
 */
public final class CheckpointsView extends StackPane {
    private final ObjectProperty<Long> selectedCheckpointId = new SimpleObjectProperty<>(this, "selectedCheckpointId");
    private final CheckpointTimeline timeline;
    private final CheckpointHistoryTable history;
    private final CheckpointDetailsView details;
    private final CheckpointSummaryView summary;
    private final TabPane tabs = new TabPane();

    public CheckpointsView(MonitorModel model) {
        setId("checkpoints-view");
        getStyleClass().add("cs-cp-view");
        MonitorStyles.addTo(this);
        timeline = new CheckpointTimeline(model, selectedCheckpointId);
        history = new CheckpointHistoryTable(model, selectedCheckpointId);
        details = new CheckpointDetailsView(model, selectedCheckpointId);
        summary = new CheckpointSummaryView(model);
        // details under the history, so a click on a row shows its subtasks without leaving the list
        SplitPane historyAndDetails = new SplitPane(history, details);
        historyAndDetails.setOrientation(Orientation.VERTICAL);
        historyAndDetails.setDividerPositions(0.45);
        Tab historyTab = new Tab("History & details", historyAndDetails);
        historyTab.setId("tab-history");
        Tab summaryTab = new Tab("Summary & configuration", summary);
        summaryTab.setId("tab-summary");
        tabs.getTabs().addAll(historyTab, summaryTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane page = new BorderPane(tabs);
        page.setTop(timeline);
        Label hint = new Label("Run the job (F5) to see its checkpoints here");
        hint.setId("checkpoints-empty");
        hint.getStyleClass().add("cs-monitor-empty");
        page.visibleProperty().bind(model.snapshotProperty().isNotNull());
        hint.visibleProperty().bind(model.snapshotProperty().isNull());
        getChildren().addAll(page, hint);
        model.runProperty().addListener((o, a, b) -> selectedCheckpointId.set(null)); // ids start again at 1 in a new run
    }

    /** The checkpoint selected in the timeline, the history or by the caller; null for none. */
    public ObjectProperty<Long> selectedCheckpointIdProperty() {
        return selectedCheckpointId;
    }

    public CheckpointTimeline timeline() {
        return timeline;
    }

    public CheckpointHistoryTable history() {
        return history;
    }

    public CheckpointDetailsView details() {
        return details;
    }

    public CheckpointSummaryView summary() {
        return summary;
    }

    public TabPane tabs() {
        return tabs;
    }
}
