package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One checkpoint in detail: per task, then per subtask, Flink's subtask fields, with the subtask that made
 * the checkpoint slow marked and named in a headline, and the failure reason of a failed checkpoint.
 */
public final class CheckpointDetailsView extends VBox {
    private final ObjectProperty<Long> selectedCheckpointId;
    private final Label title = new Label();
    private final Label headline = new Label();
    private final Label failure = new Label();
    private final Label pending = new Label();
    private final TreeTableView<Row> table = new TreeTableView<>();
    private RunSnapshot snapshot;
    private CheckpointStats shown;

    /**
     * A task (subtask null: the figures over its subtasks) or one of its subtasks (index from 0; null
     * while it has not acknowledged).
     */
    public record Row(TaskCheckpointStats task, int index, SubtaskCheckpointStats subtask, boolean slowest) {
        public boolean isTask() {
            return index < 0;
        }

        public String name() {
            return isTask() ? task.name() : task.name() + " #" + index;
        }
    }

    public CheckpointDetailsView(MonitorModel model, ObjectProperty<Long> selectedCheckpointId) {
        this.selectedCheckpointId = selectedCheckpointId;
        setId("checkpoint-details");
        getStyleClass().add("cs-cp-details");
        title.getStyleClass().add("cs-cp-details-title");
        headline.setId("checkpoint-slowest");
        headline.getStyleClass().add("cs-cp-headline");
        headline.setGraphic(new FontIcon("mdi2t-turtle"));
        failure.setId("checkpoint-failure");
        failure.getStyleClass().add("cs-cp-failure");
        failure.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        failure.setWrapText(true);
        pending.getStyleClass().add("cs-cp-pending");
        pending.setWrapText(true);
        table.setId("checkpoint-subtasks");
        table.getStyleClass().add("dense");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new SlowestRow());
        table.setPlaceholder(new Label("Select a checkpoint in the timeline or the history"));
        addColumns();
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, headline, failure, pending, table);
        selectedCheckpointId.addListener((o, a, b) -> refresh());
        model.snapshotProperty().addListener((o, a, s) -> {
            snapshot = s;
            refresh();
        });
        snapshot = model.snapshot();
        refresh();
    }

    private void addColumns() {
        TreeTableColumn<Row, Row> name = new TreeTableColumn<>("Task / subtask");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(190);
        table.getColumns().add(name);
        table.getColumns().add(column("Acknowledged", r -> r.isTask()
                ? r.task().numAcknowledgedSubtasks() + "/" + r.task().numSubtasks() + "  " + Readable.clock(r.task().latestAckTimestamp())
                : r.subtask() == null ? "pending" : Readable.clock(r.subtask().ackTimestamp())));
        table.getColumns().add(millis("End to end", SubtaskCheckpointStats::endToEndDuration));
        table.getColumns().add(bytes("Checkpointed size", SubtaskCheckpointStats::checkpointedSize));
        table.getColumns().add(bytes("Full size", SubtaskCheckpointStats::stateSize));
        table.getColumns().add(millis("Sync", SubtaskCheckpointStats::syncDuration));
        table.getColumns().add(millis("Async", SubtaskCheckpointStats::asyncDuration));
        table.getColumns().add(millis("Alignment", SubtaskCheckpointStats::alignmentDuration));
        table.getColumns().add(millis("Start delay", SubtaskCheckpointStats::startDelay));
        table.getColumns().add(bytes("Processed data", SubtaskCheckpointStats::processedData));
        table.getColumns().add(bytes("Persisted data", SubtaskCheckpointStats::persistedData));
        table.getColumns().add(column("Unaligned", r -> {
            if (!r.isTask()) {
                return r.subtask() == null ? Readable.UNKNOWN : r.subtask().unalignedCheckpoint() ? "yes" : "no";
            }
            long n = acked(r.task()).stream().filter(SubtaskCheckpointStats::unalignedCheckpoint).count();
            return n + "/" + r.task().numAcknowledgedSubtasks();
        }));
        table.getColumns().forEach(c -> c.setSortable(false));
    }

    private static TreeTableColumn<Row, String> column(String title, Function<Row, String> text) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue().getValue())));
        return c;
    }

    /** A duration; a task row shows the largest of its subtasks. */
    private static TreeTableColumn<Row, String> millis(String title, ToLongFunction<SubtaskCheckpointStats> field) {
        return column(title, r -> Readable.millis(r.isTask() ? max(r.task(), field) : r.subtask() == null ? -1 : field.applyAsLong(r.subtask())));
    }

    /** A size; a task row shows the sum over its subtasks. */
    private static TreeTableColumn<Row, String> bytes(String title, ToLongFunction<SubtaskCheckpointStats> field) {
        return column(title, r -> Readable.bytes(r.isTask() ? sum(r.task(), field) : r.subtask() == null ? -1 : field.applyAsLong(r.subtask())));
    }

    private static List<SubtaskCheckpointStats> acked(TaskCheckpointStats t) {
        return t.subtasks().stream().filter(Objects::nonNull).toList();
    }

    private static long max(TaskCheckpointStats t, ToLongFunction<SubtaskCheckpointStats> field) {
        return acked(t).stream().mapToLong(field).max().orElse(-1);
    }

    private static long sum(TaskCheckpointStats t, ToLongFunction<SubtaskCheckpointStats> field) {
        List<SubtaskCheckpointStats> a = acked(t);
        return a.isEmpty() ? -1 : a.stream().mapToLong(field).sum();
    }

    private void refresh() {
        Long id = selectedCheckpointId.get();
        CheckpointStats c = id == null || snapshot == null ? null
                : snapshot.checkpoints().history().stream().filter(x -> x.id() == id).findFirst().orElse(null);
        if (c != null && c.equals(shown)) {
            return; // nothing changed since the last redraw
        }
        shown = c;
        if (c == null) {
            title.setText(id == null ? "No checkpoint selected" : "Checkpoint " + id + " is no longer in the history");
            setShown(headline, null);
            setShown(failure, null);
            setShown(pending, null);
            table.setRoot(null);
            return;
        }
        title.setText(CheckpointText.capitalize(CheckpointText.type(c)) + " " + c.id() + " — " + CheckpointText.status(c.status())
                + " · triggered " + Readable.clock(c.triggerTimestamp()) + " · " + CheckpointText.acknowledged(c) + " acknowledged"
                + (c.endToEndDuration() >= 0 ? " · " + Readable.millis(c.endToEndDuration()) : ""));
        setShown(headline, CheckpointText.headline(c));
        setShown(failure, c.status() == CheckpointStatus.FAILED
                ? "Failed: " + (c.failureMessage() == null ? "no reason given" : c.failureMessage()) : null);
        String waiting = CheckpointText.pending(c);
        setShown(pending, c.status() != CheckpointStatus.COMPLETED && !waiting.isEmpty() ? "Not acknowledged: " + waiting : null);
        table.setRoot(tree(c));
    }

    private static void setShown(Label label, String text) {
        label.setText(text);
        label.setVisible(text != null);
        label.setManaged(text != null);
    }

    static TreeItem<Row> tree(CheckpointStats c) {
        Optional<CheckpointPhases.Slowest> slowest = CheckpointPhases.slowest(c);
        TreeItem<Row> root = new TreeItem<>();
        for (TaskCheckpointStats t : c.tasks()) {
            boolean slowTask = slowest.isPresent() && slowest.get().taskStats() == t;
            TreeItem<Row> task = new TreeItem<>(new Row(t, -1, null, slowTask));
            task.setExpanded(true);
            for (int i = 0; i < t.subtasks().size(); i++) {
                SubtaskCheckpointStats s = t.subtasks().get(i);
                boolean slow = slowTask && s != null && s == slowest.get().subtask();
                task.getChildren().add(new TreeItem<>(new Row(t, i, s, slow)));
            }
            root.getChildren().add(task);
        }
        return root;
    }

    // ---- read by tests

    public String headline() {
        return headline.isVisible() ? headline.getText() : "";
    }

    public String failureText() {
        return failure.isVisible() ? failure.getText() : "";
    }

    /** The checkpoint shown, or null. */
    public Long shownCheckpointId() {
        return shown == null ? null : shown.id();
    }

    /** Every subtask row, task by task. */
    public List<Row> subtaskRows() {
        List<Row> rows = new ArrayList<>();
        if (table.getRoot() != null) {
            table.getRoot().getChildren().forEach(t -> t.getChildren().forEach(s -> rows.add(s.getValue())));
        }
        return rows;
    }

    public TreeTableView<Row> table() {
        return table;
    }

    private static final class NameCell extends TreeTableCell<Row, Row> {
        @Override
        protected void updateItem(Row r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(r.isTask() ? r.task().name() : "#" + r.index() + (r.slowest() ? "  slowest" : ""));
            setGraphic(!r.isTask() && r.slowest() ? new FontIcon("mdi2t-turtle") : null);
        }
    }

    private static final class SlowestRow extends TreeTableRow<Row> {
        @Override
        protected void updateItem(Row r, boolean empty) {
            super.updateItem(r, empty);
            getStyleClass().removeAll("cs-cp-slowest", "cs-cp-task-row");
            if (!empty && r != null) {
                if (r.slowest() && !r.isTask()) {
                    getStyleClass().add("cs-cp-slowest");
                } else if (r.isTask()) {
                    getStyleClass().add("cs-cp-task-row");
                }
            }
        }
    }
}
