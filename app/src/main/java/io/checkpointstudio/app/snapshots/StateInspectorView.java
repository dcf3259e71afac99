package io.checkpointstudio.app.snapshots;

import atlantafx.base.theme.Styles;
import io.checkpointstudio.app.monitor.MonitorStyles;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.StateDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The keyed state of one operator in a checkpoint or savepoint, key by key, with a search; or, in diff
 * mode, the keys that were added, changed or removed from one snapshot to another. Reading runs on the
 * session's threads; a newer request makes the answer to an older one void.
 */
public final class StateInspectorView extends BorderPane {
    private final EngineSession session;
    private final Label title = new Label("State inspector");
    private final ComboBox<String> operator = new ComboBox<>();
    private final TextField search = new TextField();
    private final Label count = new Label();
    private final Label diffCounts = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label message = new Label("Pick a checkpoint or savepoint and press Inspect, or select two and press Compare.");
    private final Button showState = new Button("Show state", new FontIcon("mdi2d-database-search-outline"));
    private final ObservableList<StateEntry> state = FXCollections.observableArrayList();
    private final FilteredList<StateEntry> shownState = new FilteredList<>(state);
    private final ObservableList<DiffRow> diff = FXCollections.observableArrayList();
    private final FilteredList<DiffRow> shownDiff = new FilteredList<>(diff);
    private final TableView<StateEntry> stateTable = new TableView<>(shownState);
    private final TableView<DiffRow> diffTable = new TableView<>(shownDiff);
    private Path snapshot;
    private Path before;
    private long generation;
    private boolean choosing;

    public StateInspectorView(EngineSession session) {
        this.session = session;
        getStyleClass().add("cs-state-inspector");
        MonitorStyles.addTo(this);

        title.setId("inspector-title");
        title.getStyleClass().add("cs-header-title");
        operator.setId("inspector-operator");
        operator.setPromptText("operator");
        operator.setTooltip(new Tooltip("The operators whose state this snapshot holds"));
        operator.valueProperty().addListener((o, a, op) -> {
            if (!choosing && op != null) {
                load();
            }
        });
        search.setId("inspector-search");
        search.setPromptText("Search keys and values");
        search.setPrefColumnCount(16);
        search.textProperty().addListener((o, a, t) -> applySearch());
        count.setId("inspector-count");
        count.getStyleClass().add("cs-muted");
        diffCounts.setId("inspector-diff-counts");
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        showState.setId("inspector-show-state");
        showState.setTooltip(new Tooltip("Leave the comparison and show the newer snapshot's state"));
        showState.setOnAction(e -> inspect(snapshot));
        showState.getStyleClass().add(Styles.SMALL);
        showState.managedProperty().bind(showState.visibleProperty());
        showState.setVisible(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(title, busy, grow, new Label("Operator"), operator, search, count);
        header.getStyleClass().add("cs-pane-header");
        header.setAlignment(Pos.CENTER_LEFT);

        message.setId("inspector-message");
        message.setWrapText(true);
        message.getStyleClass().add("cs-hint");
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        HBox diffBar = new HBox(10, diffCounts, showState);
        diffBar.setAlignment(Pos.CENTER_LEFT);
        diffBar.managedProperty().bind(diffBar.visibleProperty());
        diffBar.visibleProperty().bind(showState.visibleProperty());
        message.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
        diffBar.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
        VBox top = new VBox(4, header, diffBar, message);
        top.setPadding(new javafx.geometry.Insets(0, 0, 4, 0));
        setTop(top);

        stateTable.setId("inspector-state");
        stateTable.setPlaceholder(new Label("No state shown"));
        stateTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        stateTable.getStyleClass().add(Styles.DENSE);
        stateTable.getColumns().add(column("Key", StateEntry::key, 200));
        stateTable.getColumns().add(column("Value", StateEntry::value, 400));
        diffTable.setId("inspector-diff");
        diffTable.setPlaceholder(new Label("No differences"));
        diffTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        diffTable.getStyleClass().add(Styles.DENSE);
        diffTable.getColumns().add(changeColumn());
        diffTable.getColumns().add(column("Key", DiffRow::key, 200));
        diffTable.getColumns().add(column("Before", DiffRow::before, 200));
        diffTable.getColumns().add(column("After", DiffRow::after, 200));
        diffTable.setVisible(false);
        setCenter(new StackPane(stateTable, diffTable));
        updateCount();
    }

    /** Shows the state of {@code snapshot} (a chk-N or savepoint folder), keeping the chosen operator if it has state there. */
    public void inspect(Path snapshot) {
        this.snapshot = snapshot;
        this.before = null;
        title.setText("State of " + snapshot.getFileName());
        title.setTooltip(new Tooltip(snapshot.toString()));
        showState.setVisible(false);
        stateTable.setVisible(true);
        diffTable.setVisible(false);
        chooseOperators(session.statefulOperators(snapshot));
    }

    /** Shows what changed in the chosen operator's state from {@code before} to {@code after}. */
    public void compare(Path before, Path after) {
        this.snapshot = after;
        this.before = before;
        title.setText("Changes from " + before.getFileName() + " to " + after.getFileName());
        title.setTooltip(new Tooltip(before + "\n→ " + after));
        showState.setVisible(true);
        stateTable.setVisible(false);
        diffTable.setVisible(true);
        CompletableFuture<List<String>> older = session.statefulOperators(before);
        chooseOperators(session.statefulOperators(after).thenCombine(older, (a, b) -> {
            Set<String> all = new LinkedHashSet<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
    }

    public boolean isComparing() {
        return before != null;
    }

    /** The keys the search lets through (state mode). */
    public ObservableList<StateEntry> shownState() {
        return FXCollections.unmodifiableObservableList(shownState);
    }

    /** The differences the search lets through (diff mode). */
    public ObservableList<DiffRow> shownDiff() {
        return FXCollections.unmodifiableObservableList(shownDiff);
    }

    private void chooseOperators(CompletableFuture<List<String>> operators) {
        long g = ++generation;
        busy.setVisible(true);
        message.setText("Reading the snapshot…");
        operators.whenComplete((ops, error) -> Platform.runLater(() -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                fail(error);
                return;
            }
            String previous = operator.getValue();
            choosing = true;
            operator.getItems().setAll(ops);
            operator.setValue(ops.contains(previous) ? previous : ops.isEmpty() ? null : ops.get(0));
            choosing = false;
            if (ops.isEmpty()) {
                busy.setVisible(false);
                state.clear();
                diff.clear();
                updateCount();
                message.setText("No operator has keyed state in this snapshot (stateless operators and sources keep none worth listing).");
            } else {
                load();
            }
        }));
    }

    private void load() {
        String op = operator.getValue();
        if (snapshot == null || op == null) {
            return;
        }
        long g = ++generation;
        busy.setVisible(true);
        message.setText("Reading the state of '" + op + "'…");
        if (before == null) {
            whenDone(session.state(snapshot, op), g, this::showState);
        } else {
            whenDone(session.diff(before, snapshot, op), g, this::showDiff);
        }
    }

    private <T> void whenDone(CompletableFuture<T> work, long g, java.util.function.Consumer<T> show) {
        BiConsumer<T, Throwable> done = (value, error) -> Platform.runLater(() -> {
            if (g != generation) {
                return; // the user asked for something else meanwhile
            }
            if (error != null) {
                fail(error);
            } else {
                busy.setVisible(false);
                message.setText("");
                show.accept(value);
            }
        });
        work.whenComplete(done);
    }

    private void showState(Map<String, String> entries) {
        List<StateEntry> rows = new ArrayList<>(entries.size());
        entries.forEach((k, v) -> rows.add(new StateEntry(k, v)));
        rows.sort((a, b) -> Keys.NATURAL.compare(a.key(), b.key()));
        state.setAll(rows);
        applySearch();
    }

    private void showDiff(StateDiff d) {
        List<DiffRow> rows = new ArrayList<>();
        d.added().forEach((k, v) -> rows.add(new DiffRow(DiffRow.Change.ADDED, k, null, v)));
        d.changed().forEach((k, v) -> rows.add(new DiffRow(DiffRow.Change.CHANGED, k, v[0], v[1])));
        d.removed().forEach((k, v) -> rows.add(new DiffRow(DiffRow.Change.REMOVED, k, v, null)));
        rows.sort((a, b) -> Keys.NATURAL.compare(a.key(), b.key()));
        diff.setAll(rows);
        diffCounts.setText(d.added().size() + " added · " + d.changed().size() + " changed · " + d.removed().size() + " removed");
        if (d.isEmpty()) {
            message.setText("The state of '" + d.operatorId() + "' is the same in both snapshots.");
        }
        applySearch();
    }

    private void applySearch() {
        String needle = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        shownState.setPredicate(needle.isEmpty() ? null : e -> e.matches(needle));
        shownDiff.setPredicate(needle.isEmpty() ? null : r -> r.matches(needle));
        updateCount();
    }

    private void updateCount() {
        count.setText(before == null
                ? shownState.size() + " of " + state.size() + " keys"
                : shownDiff.size() + " of " + diff.size() + " changed keys");
    }

    /** "n of m keys" (or "n of m changed keys" when comparing). */
    public String countText() {
        return count.getText();
    }

    private void fail(Throwable error) {
        busy.setVisible(false);
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        message.setText("Could not read the snapshot: " + cause.getMessage() + ". It may have been deleted by retention "
                + "(execution.checkpointing.num-retained keeps only the newest checkpoints): refresh the list and pick another, "
                + "or use a savepoint, which is never deleted automatically.");
    }

    private static <R> TableColumn<R, String> column(String name, java.util.function.Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        if (name.equals("Key")) {
            c.setComparator(Keys.NATURAL);
        }
        return c;
    }

    private static TableColumn<DiffRow, DiffRow.Change> changeColumn() {
        TableColumn<DiffRow, DiffRow.Change> c = new TableColumn<>("Change");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().change()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(DiffRow.Change change, boolean empty) {
                super.updateItem(change, empty);
                getStyleClass().removeAll("cs-diff-added", "cs-diff-changed", "cs-diff-removed");
                if (empty || change == null) {
                    setText(null);
                    return;
                }
                setText(change == DiffRow.Change.CHANGED ? "changed (old → new)" : change.label());
                getStyleClass().add("cs-diff-" + change.label());
            }
        });
        c.setPrefWidth(140);
        return c;
    }
}
