package io.checkpointstudio.app.monitor;

import atlantafx.base.theme.Styles;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run's events, oldest first: failures with their stack traces, restarts, restores, checkpoint
 * failures, savepoints, status changes and notices. Only the events that arrived since the last snapshot
 * are added, so a long run does not redraw its whole history ten times a second.
 */
public final class EventLogView extends BorderPane {
    private final ObservableList<EventEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<EventEntry> shown = new FilteredList<>(entries);
    private final TableView<EventEntry> table = new TableView<>(shown);
    private final TextArea details = new TextArea();
    private final Label restarts = new Label("Restarts: 0");
    private int consumed;

    public EventLogView(MonitorModel model) {
        getStyleClass().add("cs-event-log");
        MonitorStyles.addTo(this);

        Label title = new Label("Events");
        title.getStyleClass().add("cs-header-title");
        restarts.setId("event-restarts");
        restarts.getStyleClass().add("cs-restart-count");
        restarts.setTooltip(new Tooltip("How many times the job restarted after a failure in this run"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(title, filters(), grow, restarts);
        header.getStyleClass().add("cs-pane-header");
        setTop(header);

        table.setId("event-log");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No events yet: start a run"));
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.getColumns().add(timeColumn());
        table.getColumns().add(kindColumn());
        table.getColumns().add(textColumn());
        table.setRowFactory(t -> new EventRow());

        details.setId("event-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add("cs-details");
        details.setPromptText("Select an event to see its details: the stack trace of a failure, the path of a checkpoint");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> details.setText(e == null ? "" : detailsOf(e)));

        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        setCenter(split);

        // a new source (live run, recording, Flink job) starts a new list, even when it has more events than the last
        model.sourceProperty().addListener((o, old, source) -> reset());
        model.snapshotProperty().addListener((o, old, s) -> append(s));
        append(model.snapshot());
    }

    /** The lines the filter lets through, in order. */
    public ObservableList<EventEntry> shownEntries() {
        return FXCollections.unmodifiableObservableList(shown);
    }

    /** Every line of the current run. */
    public ObservableList<EventEntry> entries() {
        return FXCollections.unmodifiableObservableList(entries);
    }

    public void setFilter(EventFilter filter) {
        shown.setPredicate(filter);
    }

    private void reset() {
        entries.clear();
        consumed = 0;
        restarts.setText("Restarts: 0");
        restarts.getStyleClass().remove("restarted");
    }

    private void append(RunSnapshot s) {
        if (s == null) {
            return;
        }
        List<EngineEvent> events = s.events();
        if (events.size() < consumed) {
            reset(); // another run's snapshot
        }
        List<EventEntry> added = new ArrayList<>();
        for (int i = consumed; i < events.size(); i++) {
            EventEntries.describe(events.get(i)).ifPresent(added::add);
        }
        consumed = events.size();
        if (!added.isEmpty()) {
            boolean following = table.getSelectionModel().isEmpty();
            entries.addAll(added);
            if (following && !shown.isEmpty()) {
                table.scrollTo(shown.size() - 1);
            }
        }
        restarts.setText("Restarts: " + s.restarts());
        if (s.restarts() > 0 && !restarts.getStyleClass().contains("restarted")) {
            restarts.getStyleClass().add("restarted");
        }
    }

    private HBox filters() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        EventFilter[] all = EventFilter.values();
        for (int i = 0; i < all.length; i++) {
            EventFilter f = all[i];
            ToggleButton b = new ToggleButton(f.label());
            b.setId("event-filter-" + f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setUserData(f);
            b.setToggleGroup(group);
            b.getStyleClass().addAll(Styles.SMALL, i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            box.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, old, t) -> {
            if (t == null) {
                group.selectToggle(old); // one filter is always on
            } else {
                setFilter((EventFilter) t.getUserData());
            }
        });
        group.selectToggle(group.getToggles().get(0));
        return box;
    }

    private static String detailsOf(EventEntry e) {
        return Sizes.time(e.at()) + "  " + e.kind().label() + "\n" + e.text() + (e.details().isEmpty() ? "" : "\n\n" + e.details());
    }

    private static TableColumn<EventEntry, String> timeColumn() {
        TableColumn<EventEntry, String> c = new TableColumn<>("Time");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(Sizes.time(d.getValue().at())));
        c.setPrefWidth(120);
        c.setMinWidth(120);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<EventEntry, EventEntry.Kind> kindColumn() {
        TableColumn<EventEntry, EventEntry.Kind> c = new TableColumn<>("Kind");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().kind()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(EventEntry.Kind kind, boolean empty) {
                super.updateItem(kind, empty);
                if (empty || kind == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                FontIcon icon = new FontIcon(kind.icon());
                icon.getStyleClass().addAll("cs-event-icon", kind.styleClass());
                setGraphic(icon);
                setText(kind.label());
            }
        });
        c.setPrefWidth(170);
        c.setMinWidth(170);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<EventEntry, String> textColumn() {
        TableColumn<EventEntry, String> c = new TableColumn<>("What happened");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().text()));
        c.setPrefWidth(600);
        c.setSortable(false);
        return c;
    }

    private static final class EventRow extends TableRow<EventEntry> {
        @Override
        protected void updateItem(EventEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeIf(s -> s.equals("failure") || s.equals("checkpoint-failure"));
            if (!getStyleClass().contains("cs-event-row")) {
                getStyleClass().add("cs-event-row");
            }
            if (!empty && e != null && (e.kind() == EventEntry.Kind.FAILURE || e.kind() == EventEntry.Kind.CHECKPOINT_FAILURE)) {
                getStyleClass().add(e.kind().styleClass());
            }
        }
    }
}
