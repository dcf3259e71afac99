package io.checkpointstudio.app.snapshots;

import atlantafx.base.theme.Styles;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.monitor.MonitorStyles;
import io.checkpointstudio.app.monitor.Sizes;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.SnapshotEntry;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Savepoints and retained checkpoints: take a savepoint of the running job, list what is on disk for the
 * current job (refreshed whenever a checkpoint or savepoint completes), restore from one (through
 * {@link RestoreDialog}; the confirmed {@link RunRequest} goes to {@link #onRestore}), and look inside
 * one or compare two in the {@link StateInspectorView} below the list.
 */
public final class SnapshotsView extends BorderPane {
    private final MonitorModel model;
    private final Supplier<JobDocument> currentJob;
    private final ObservableList<SnapshotEntry> entries = FXCollections.observableArrayList();
    private final TableView<SnapshotEntry> table = new TableView<>(entries);
    private final TextField savepointName = new TextField();
    private final Button takeSavepoint = new Button("Take savepoint", new FontIcon("mdi2c-content-save-outline"));
    private final ProgressIndicator savepointProgress = new ProgressIndicator();
    private final Label savepointStatus = new Label();
    private final ProgressIndicator listProgress = new ProgressIndicator();
    private final Label listStatus = new Label();
    private final StateInspectorView inspector;
    private final BooleanProperty savepointInFlight = new SimpleBooleanProperty(this, "savepointInFlight");
    private final BooleanProperty runRunning = new SimpleBooleanProperty(this, "runRunning");
    private Consumer<RunRequest> onRestore = r -> { };
    private RestoreDialog openDialog;
    private int eventsSeen;
    private JobStatus lastStatus;
    private boolean refreshing;
    private boolean refreshAgain;
    /** Checkpoints may complete several times a second; the list follows at most once a second. */
    private final PauseTransition autoRefresh = new PauseTransition(Duration.seconds(1));

    public SnapshotsView(MonitorModel model, Supplier<JobDocument> currentJob) {
        this.model = model;
        this.currentJob = currentJob;
        this.inspector = new StateInspectorView(model.session());
        getStyleClass().add("cs-snapshots");
        MonitorStyles.addTo(this);

        setTop(savepointBar());
        configureTable();
        VBox list = new VBox(table, actions());
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(list, inspector);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);

        autoRefresh.setOnFinished(e -> refresh());
        model.runProperty().addListener((o, a, run) -> {
            eventsSeen = 0;
            lastStatus = null;
            refresh();
        });
        model.snapshotProperty().addListener((o, a, s) -> watch(s));
        watch(model.snapshot());
        refresh();
    }

    /** Called with the run the user confirmed in the restore dialog; the caller starts it. */
    public void onRestore(Consumer<RunRequest> handler) {
        this.onRestore = handler == null ? r -> { } : handler;
    }

    /** The inspector below the list, filled by Inspect and Compare. */
    public StateInspectorView inspector() {
        return inspector;
    }

    /** The listed snapshots, newest first. */
    public ObservableList<SnapshotEntry> entries() {
        return FXCollections.unmodifiableObservableList(entries);
    }

    public TableView<SnapshotEntry> table() {
        return table;
    }

    /** Lists the current job's retained checkpoints and savepoints again. */
    public void refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        listProgress.setVisible(true);
        List<String> skipped = new ArrayList<>();
        CompletableFuture<List<SnapshotEntry>> listing;
        try {
            listing = model.session().snapshots(currentJob.get(), s -> {
                synchronized (skipped) {
                    skipped.add(s);
                }
            });
        } catch (RuntimeException e) {
            listing = CompletableFuture.failedFuture(e); // the session is closed
        }
        listing.whenComplete((list, error) -> Platform.runLater(() -> {
            refreshing = false;
            listProgress.setVisible(false);
            if (error != null) {
                listStatus.setText("Could not list the snapshots: " + messageOf(error)
                        + ". Check execution.checkpointing.dir and execution.checkpointing.savepoint-dir in the job's configuration.");
                if (!listStatus.getStyleClass().contains("cs-error-text")) {
                    listStatus.getStyleClass().add("cs-error-text");
                }
            } else {
                show(list, skipped);
            }
            if (refreshAgain) {
                refreshAgain = false;
                refresh();
            }
        }));
    }

    /** Stops the automatic refresh; call when the view is thrown away. */
    public void dispose() {
        autoRefresh.stop();
        autoRefresh.setOnFinished(null);
    }

    /**
     * Opens the restore dialog for {@code entry} without waiting for it; the request goes to {@link #onRestore}
     * when the user confirms.
     */
    public RestoreDialog openRestore(SnapshotEntry entry) {
        RestoreDialog dialog = new RestoreDialog(model.session(), currentJob, List.copyOf(entries), entry);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.setOnHidden(e -> {
            if (openDialog == dialog) {
                openDialog = null;
            }
            RunRequest request = dialog.getResult();
            if (request != null) {
                onRestore.accept(request);
            }
        });
        openDialog = dialog;
        dialog.show();
        return dialog;
    }

    /** The restore dialog while it is open. */
    public java.util.Optional<RestoreDialog> openRestoreDialog() {
        return java.util.Optional.ofNullable(openDialog);
    }

    private void show(List<SnapshotEntry> list, List<String> skipped) {
        List<Path> selected = table.getSelectionModel().getSelectedItems().stream().map(SnapshotEntry::path).toList();
        entries.setAll(list);
        for (SnapshotEntry e : entries) {
            if (selected.contains(e.path())) {
                table.getSelectionModel().select(e);
            }
        }
        listStatus.getStyleClass().remove("cs-error-text");
        long savepoints = list.stream().filter(SnapshotEntry::savepoint).count();
        String text = (list.size() - savepoints) + " checkpoint(s), " + savepoints + " savepoint(s)";
        if (!skipped.isEmpty()) {
            text += "; " + skipped.size() + " folder(s) skipped (no valid _metadata)";
            listStatus.setTooltip(new Tooltip(String.join("\n", skipped)));
        }
        if (list.isEmpty()) {
            text = "No retained checkpoints or savepoints for this job yet. Run it with execution.checkpointing.interval set, "
                    + "or take a savepoint while it runs.";
        }
        listStatus.setText(text);
    }

    /** Refreshes when a checkpoint or savepoint completed since the last snapshot, or when the run ended. */
    private void watch(RunSnapshot s) {
        runRunning.set(s != null && model.run() != null && s.status() == JobStatus.RUNNING);
        if (s == null) {
            return;
        }
        List<EngineEvent> events = s.events();
        boolean completed = false;
        for (int i = Math.min(eventsSeen, events.size()); i < events.size(); i++) {
            completed |= events.get(i) instanceof EngineEvent.CheckpointCompleted;
        }
        eventsSeen = events.size();
        boolean ended = s.status().isTerminal() && lastStatus != null && !lastStatus.isTerminal();
        lastStatus = s.status();
        if (completed || ended) {
            if (autoRefresh.getStatus() != Animation.Status.RUNNING) {
                autoRefresh.playFromStart();
            }
        }
    }

    private HBox savepointBar() {
        Label title = new Label("Snapshots");
        title.getStyleClass().add("cs-header-title");
        savepointName.setId("savepoint-name");
        savepointName.setPromptText("savepoint name (optional)");
        savepointName.setPrefColumnCount(14);
        savepointName.setTooltip(new Tooltip("A name makes a subfolder of the savepoint directory, so you find the savepoint again"));
        takeSavepoint.setId("take-savepoint");
        takeSavepoint.getStyleClass().add(Styles.ACCENT);
        takeSavepoint.setTooltip(new Tooltip("Writes a savepoint of the running job into execution.checkpointing.savepoint-dir "
                + "(state.savepoints.dir): a complete, self-contained copy of its state that is never deleted automatically. "
                + "The job keeps running."));
        takeSavepoint.disableProperty().bind(runRunning.not().or(savepointInFlight));
        takeSavepoint.setOnAction(e -> takeSavepoint());
        savepointProgress.setPrefSize(18, 18);
        savepointProgress.visibleProperty().bind(savepointInFlight);
        savepointProgress.managedProperty().bind(savepointInFlight);
        savepointStatus.setId("savepoint-status");
        savepointStatus.setWrapText(true);
        HBox.setHgrow(savepointStatus, Priority.ALWAYS);
        savepointStatus.setMaxWidth(Double.MAX_VALUE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        takeSavepoint.setMinWidth(Region.USE_PREF_SIZE);
        savepointName.setMinWidth(120);
        HBox bar = new HBox(title, savepointName, takeSavepoint, savepointProgress, savepointStatus);
        bar.getStyleClass().add("cs-pane-header");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void takeSavepoint() {
        LiveRun run = model.run();
        if (run == null) {
            return;
        }
        savepointInFlight.set(true);
        savepointStatus.getStyleClass().removeAll("cs-error-text", "cs-ok-text");
        savepointStatus.setText("Taking a savepoint…");
        savepointStatus.setTooltip(null);
        run.savepoint(savepointName.getText()).whenComplete((path, error) -> Platform.runLater(() -> {
            savepointInFlight.set(false);
            if (error != null) {
                savepointStatus.getStyleClass().add("cs-error-text");
                savepointStatus.setText("Savepoint failed: " + messageOf(error) + ". " + SavepointAdvice.forFailure(messageOf(error)));
            } else {
                savepointStatus.getStyleClass().add("cs-ok-text");
                savepointStatus.setText("Savepoint written to " + path);
                savepointStatus.setTooltip(new Tooltip(path.toString()));
                refresh();
            }
        }));
    }

    private void configureTable() {
        table.setId("snapshot-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("No retained checkpoints or savepoints"));
        table.getColumns().add(column("Kind", SnapshotEntry::kind, 90));
        table.getColumns().add(column("ID", e -> Long.toString(e.checkpointId()), 60));
        table.getColumns().add(column("Job", SnapshotEntry::jobName, 160));
        table.getColumns().add(column("Completed", e -> Sizes.dateTime(e.completedAt()), 150));
        table.getColumns().add(column("Size", e -> Sizes.bytes(e.sizeBytes()), 80));
        TableColumn<SnapshotEntry, String> layout = column("Layout", SnapshotEntry::layout, 80);
        layout.setGraphic(info("Fingerprint of the operators and state types the snapshot holds: equal fingerprints come "
                + "from the same version of the job's state"));
        table.getColumns().add(layout);
        table.getColumns().add(column("Path", e -> e.path().toString(), 300));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItems().size() == 1) {
                inspector.inspect(table.getSelectionModel().getSelectedItem().path());
            }
        });
    }

    private HBox actions() {
        Button refresh = action("snapshots-refresh", "Refresh", "mdi2r-refresh", "List the snapshots on disk again", this::refresh);
        Button restore = action("snapshots-restore", "Restore…", "mdi2b-backup-restore",
                "Check whether the selected snapshot restores into the job as it is now, then start the job from it", () ->
                        openRestore(table.getSelectionModel().getSelectedItem()));
        Button inspect = action("snapshots-inspect", "Inspect", "mdi2d-database-search-outline",
                "Show the selected snapshot's state, key by key, below", () ->
                        inspector.inspect(table.getSelectionModel().getSelectedItem().path()));
        Button compare = action("snapshots-compare", "Compare with…", "mdi2c-compare-horizontal",
                "Select two snapshots (Ctrl-click) to see which keys were added, changed or removed from the older to the newer",
                this::compareSelected);
        var selection = table.getSelectionModel().getSelectedItems();
        restore.disableProperty().bind(Bindings.size(selection).isNotEqualTo(1));
        inspect.disableProperty().bind(Bindings.size(selection).isNotEqualTo(1));
        compare.disableProperty().bind(Bindings.size(selection).isNotEqualTo(2));
        listProgress.setPrefSize(16, 16);
        listProgress.setVisible(false);
        listStatus.setId("snapshots-status");
        listStatus.getStyleClass().add("cs-muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, refresh, restore, inspect, compare, grow, listProgress, listStatus);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 6 8 6 8;");
        return bar;
    }

    private void compareSelected() {
        List<SnapshotEntry> two = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        if (two.size() != 2) {
            return;
        }
        two.sort(Comparator.comparingLong(SnapshotEntry::completedAt));
        inspector.compare(two.get(0).path(), two.get(1).path());
    }

    private static Button action(String id, String text, String icon, String tooltip, Runnable run) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        Tooltip t = new Tooltip(tooltip);
        t.setWrapText(true);
        t.setMaxWidth(360);
        b.setTooltip(t);
        b.setOnAction(e -> run.run());
        return b;
    }

    private static Label info(String text) {
        Label l = new Label(null, new FontIcon("mdi2i-information-outline"));
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(320);
        l.setTooltip(t);
        return l;
    }

    private static TableColumn<SnapshotEntry, String> column(String name, Function<SnapshotEntry, String> value, double width) {
        TableColumn<SnapshotEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String messageOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
