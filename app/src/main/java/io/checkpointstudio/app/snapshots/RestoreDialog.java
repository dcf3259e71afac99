package io.checkpointstudio.app.snapshots;

import atlantafx.base.theme.Styles;
import io.checkpointstudio.app.monitor.MonitorStyles;
import io.checkpointstudio.app.monitor.Sizes;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.SnapshotEntry;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.RestoreCheck.Kind;
import io.checkpointstudio.engine.config.StateBackendType;
import io.checkpointstudio.engine.job.JobDocument;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Restore and run": pick a retained checkpoint, a savepoint or any folder, set the restore options, and
 * see per operator whether its state will be restored into the current (possibly edited) job before
 * anything runs. The check runs again, off the JavaFX thread, a moment after any choice changes; the
 * restore button stays off while the answer is pending or says no. The result is the {@link RunRequest}
 * to start, or nothing when cancelled.
 *
 * <p>Tests and callers that must not block use {@link #show()} and read {@link #getResult()} or
 * {@link #reportProperty()}; {@code showAndWait()} works as for any dialog.
 */
public final class RestoreDialog extends Dialog<RunRequest> {
    public static final ButtonType RESTORE = new ButtonType("Restore and run", ButtonData.OK_DONE);
    private static final String AS_IN_JOB = "as in the job";
    private static final Duration DEBOUNCE = Duration.millis(250);

    private final EngineSession session;
    private final Supplier<JobDocument> job;
    private final ComboBox<SnapshotEntry> snapshots = new ComboBox<>();
    private final TextField path = new TextField();
    private final CheckBox allowNonRestored = new CheckBox("Allow non-restored state");
    private final Spinner<Integer> parallelism = new Spinner<>();
    private final ComboBox<String> backend = new ComboBox<>();
    private final TableView<RestoreCheck.Verdict> verdicts = new TableView<>();
    private final ProgressIndicator checking = new ProgressIndicator();
    private final Label status = new Label();
    private final Label problem = new Label();
    private final ReadOnlyObjectWrapper<RestoreCheck.Report> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready", false);
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private long generation;

    /**
     * @param session  where the check runs
     * @param job      the job as it is now in the designer; read again at every check
     * @param listed   the snapshots to offer (newest first)
     * @param selected the snapshot to start with; null for the first listed
     */
    public RestoreDialog(EngineSession session, Supplier<JobDocument> job, List<SnapshotEntry> listed, SnapshotEntry selected) {
        this.session = session;
        this.job = job;
        setTitle("Restore from a snapshot");
        setHeaderText("Will this restore? Every operator of the current job, checked against the snapshot's state.");
        setResizable(true);
        MonitorStyles.addTo(getDialogPane());
        getDialogPane().getStyleClass().add("cs-restore-dialog");
        getDialogPane().getButtonTypes().addAll(RESTORE, ButtonType.CANCEL);
        Button restore = restoreButton();
        restore.setId("restore-ok");
        restore.setDefaultButton(true);
        restore.disableProperty().bind(ready.not());
        restore.setTooltip(new Tooltip("Start the job from this snapshot with these options"));

        snapshots.setId("restore-snapshot");
        snapshots.getItems().setAll(listed);
        snapshots.setCellFactory(l -> new EntryCell());
        snapshots.setButtonCell(new EntryCell());
        snapshots.setPromptText(listed.isEmpty() ? "no retained checkpoints or savepoints" : "choose a snapshot");
        snapshots.setMaxWidth(Double.MAX_VALUE);
        snapshots.valueProperty().addListener((o, a, e) -> {
            if (e != null) {
                path.setText(e.path().toString());
            }
        });
        path.setId("restore-path");
        path.setPromptText("a chk-N folder, a savepoint folder, or a job's checkpoint folder (its newest checkpoint)");
        path.textProperty().addListener((o, a, t) -> changed());
        Button browse = new Button("Browse…", new FontIcon("mdi2f-folder-open-outline"));
        browse.setTooltip(new Tooltip("Pick a checkpoint or savepoint folder on disk"));
        browse.setOnAction(e -> browse());
        HBox pathRow = new HBox(6, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);

        allowNonRestored.setId("restore-allow-non-restored");
        allowNonRestored.setTooltip(tip("Flink's allowNonRestoredState (execution.state-recovery.ignore-unclaimed-state): state in "
                + "the snapshot that no operator of the job takes is skipped instead of failing the restore. Use it after you "
                + "removed or renamed a stateful operator on purpose; that state is then lost."));
        allowNonRestored.selectedProperty().addListener((o, a, b) -> changed());
        parallelism.setId("restore-parallelism");
        parallelism.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 512, 0));
        parallelism.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer p) {
                return p == null || p == 0 ? AS_IN_JOB : Integer.toString(p);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return s == null || s.isBlank() || s.equals(AS_IN_JOB) ? 0 : Math.max(0, Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        });
        parallelism.setPrefWidth(150);
        parallelism.setTooltip(tip("Run every operator at this parallelism. Keyed state is redistributed by key group, as "
                + "Flink rescales; it cannot exceed pipeline.max-parallelism."));
        parallelism.valueProperty().addListener((o, a, b) -> changed());
        backend.setId("restore-backend");
        backend.getItems().setAll(AS_IN_JOB, "hashmap", "rocksdb");
        backend.setValue(AS_IN_JOB);
        backend.setTooltip(tip("Run with this state backend. Savepoints are backend-independent; checkpoints restore into "
                + "another backend too, in this studio."));
        backend.valueProperty().addListener((o, a, b) -> changed());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, fieldLabel("Snapshot"), snapshots);
        form.addRow(1, fieldLabel("Path"), pathRow);
        form.addRow(2, fieldLabel("Parallelism"), parallelism);
        form.addRow(3, fieldLabel("State backend"), backend);
        form.add(allowNonRestored, 1, 4);
        GridPane.setHgrow(snapshots, Priority.ALWAYS);
        GridPane.setHgrow(pathRow, Priority.ALWAYS);

        verdicts.setId("restore-verdicts");
        verdicts.setPlaceholder(new Label("Choose a snapshot to check"));
        verdicts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        verdicts.getStyleClass().add(Styles.DENSE);
        verdicts.setPrefHeight(220);
        verdicts.setMinHeight(140);
        verdicts.getColumns().add(textColumn("Operator", RestoreCheck.Verdict::operatorId, 140));
        verdicts.getColumns().add(verdictColumn());
        verdicts.getColumns().add(textColumn("Detail", RestoreCheck.Verdict::detail, 360));

        checking.setPrefSize(16, 16);
        checking.setVisible(false);
        checking.managedProperty().bind(checking.visibleProperty());
        status.setId("restore-status");
        HBox statusRow = new HBox(8, checking, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        problem.setId("restore-problem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll("cs-restore-problem", "cs-error-text");
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);

        VBox content = new VBox(10, form, verdicts, statusRow, problem);
        // sized for the problem text up front: a shown dialog does not grow when its content does
        getDialogPane().setPrefSize(860, 700);
        getDialogPane().setMinSize(820, 660);
        VBox.setVgrow(verdicts, Priority.ALWAYS);
        getDialogPane().setContent(content);

        setResultConverter(button -> button == RESTORE ? request() : null);
        debounce.setOnFinished(e -> check());
        if (selected != null && !listed.contains(selected)) {
            path.setText(selected.path().toString());
        } else if (selected != null) {
            snapshots.setValue(selected);
        } else if (!listed.isEmpty()) {
            snapshots.setValue(listed.get(0));
        } else {
            status.setText("Choose a snapshot folder.");
        }
    }

    /** The "Restore and run" button. */
    public Button restoreButton() {
        return (Button) getDialogPane().lookupButton(RESTORE);
    }

    /** The latest answer to "will this restore?"; null while none has come back for the current choices. */
    public ReadOnlyObjectProperty<RestoreCheck.Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Checks again now, for example after the job was edited while the dialog is open. */
    public void recheck() {
        changed();
    }

    /** The run the current choices ask for; its path is null when the path field does not hold one. */
    public RunRequest request() {
        Integer p = parallelism.getValue() == null || parallelism.getValue() == 0 ? null : parallelism.getValue();
        StateBackendType b = switch (backend.getValue()) {
            case "hashmap" -> StateBackendType.HASHMAP;
            case "rocksdb" -> StateBackendType.ROCKSDB;
            default -> null;
        };
        return new RunRequest(chosenPath(), allowNonRestored.isSelected(), p, b);
    }

    private void changed() {
        generation++; // any answer still on its way is for other choices
        ready.set(false);
        report.set(null);
        checking.setVisible(true);
        status.setText("Checking…");
        debounce.playFromStart();
    }

    private void check() {
        long g = ++generation;
        RunRequest request = request();
        if (request.restoreFrom() == null) {
            checking.setVisible(false);
            verdicts.getItems().clear();
            status.setText(path.getText().isBlank() ? "Choose a snapshot." : "That is not a valid path.");
            showProblem(null);
            return;
        }
        session.checkRestore(job.get(), request.restoreFrom(), request).whenComplete((r, error) -> Platform.runLater(() -> {
            if (g != generation) {
                return;
            }
            checking.setVisible(false);
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                verdicts.getItems().clear();
                status.setText("Cannot check this restore.");
                showProblem(cause.getMessage() + "\n\nWhat to do: choose a chk-N folder, a savepoint folder or a job's checkpoint "
                        + "folder that has a _metadata file; if the job itself is invalid, fix the problems the designer shows.");
                return;
            }
            verdicts.getItems().setAll(r.verdicts());
            report.set(r);
            ready.set(r.canRestore());
            if (r.canRestore()) {
                long restored = r.verdicts().stream().filter(v -> v.kind() == Kind.RESTORED).count();
                long dropped = r.verdicts().stream().filter(v -> v.kind() == Kind.DROPPED).count();
                status.setText("Can restore: " + restored + " operator(s) get their state back"
                        + (dropped > 0 ? ", " + dropped + " snapshot state(s) will be skipped" : "") + ".");
                showProblem(null);
            } else {
                status.setText("Cannot restore into the job as it is now.");
                showProblem(r.problem() + "\n\nWhat to do: " + advice(r));
            }
        }));
    }

    private static String advice(RestoreCheck.Report r) {
        boolean incompatible = r.verdicts().stream().anyMatch(v -> v.kind() == Kind.INCOMPATIBLE);
        boolean dropped = r.verdicts().stream().anyMatch(v -> v.kind() == Kind.DROPPED);
        StringBuilder s = new StringBuilder();
        if (incompatible) {
            s.append("undo the change to the incompatible operator, or give the changed operator a new id so it starts empty "
                    + "(its old state is then dropped and needs 'Allow non-restored state')");
        }
        if (dropped) {
            s.append(incompatible ? "; " : "").append("tick 'Allow non-restored state' to skip the state no operator takes, "
                    + "or put the removed or renamed operator back under its old id");
        }
        return s.append(". Or start the job fresh, without this snapshot.").toString();
    }

    private void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
    }

    private Path chosenPath() {
        String text = path.getText() == null ? "" : path.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text.startsWith("file://") ? text.substring("file://".length()) : text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Checkpoint or savepoint folder");
        Path current = chosenPath();
        if (current != null) {
            File dir = current.toFile();
            File existing = dir.isDirectory() ? dir.getParentFile() : null;
            if (existing != null && existing.isDirectory()) {
                chooser.setInitialDirectory(existing);
            }
        }
        File picked = chooser.showDialog(getDialogPane().getScene().getWindow());
        if (picked != null) {
            snapshots.setValue(null);
            path.setText(picked.getAbsolutePath());
        }
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(400);
        return t;
    }

    private static TableColumn<RestoreCheck.Verdict, String> textColumn(String name,
            java.util.function.Function<RestoreCheck.Verdict, String> value, double width) {
        TableColumn<RestoreCheck.Verdict, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : tip(text)); // long details do not fit the column
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<RestoreCheck.Verdict, Kind> verdictColumn() {
        TableColumn<RestoreCheck.Verdict, Kind> c = new TableColumn<>("Verdict");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().kind()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Kind kind, boolean empty) {
                super.updateItem(kind, empty);
                setText(null);
                setGraphic(empty || kind == null ? null : badge(kind));
            }
        });
        c.setPrefWidth(130);
        c.setMinWidth(120);
        return c;
    }

    static Node badge(Kind kind) {
        Label l = new Label(kind.name().toLowerCase(java.util.Locale.ROOT));
        l.getStyleClass().addAll("cs-verdict", kind.name().toLowerCase(java.util.Locale.ROOT));
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static final class EntryCell extends ListCell<SnapshotEntry> {
        @Override
        protected void updateItem(SnapshotEntry e, boolean empty) {
            super.updateItem(e, empty);
            setText(empty || e == null ? null : e.kind() + " " + e.checkpointId() + " of " + e.jobName() + " · "
                    + Sizes.dateTime(e.completedAt()) + " · " + e.path().getFileName());
        }
    }
}
