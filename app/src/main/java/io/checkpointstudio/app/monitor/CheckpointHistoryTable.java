package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Flink's checkpoint history: one row per checkpoint, newest first. Rows are kept per checkpoint id and
 * updated in place, so the selection and the scroll position survive the ten updates a second.
 */
public final class CheckpointHistoryTable extends TableView<CheckpointHistoryTable.Row> {
    private final ObjectProperty<Long> selectedCheckpointId;
    private final Map<Long, Row> rows = new HashMap<>();
    private long revision = -1;
    private String jobId;
    private boolean syncing;

    /** One checkpoint; its statistics change until it completes or fails. */
    public static final class Row {
        private final long id;
        private final ObjectProperty<CheckpointStats> stats = new SimpleObjectProperty<>();

        Row(CheckpointStats s) {
            this.id = s.id();
            stats.set(s);
        }

        public long id() {
            return id;
        }

        public CheckpointStats stats() {
            return stats.get();
        }

        ObservableValue<CheckpointStats> statsProperty() {
            return stats;
        }
    }

    public CheckpointHistoryTable(MonitorModel model, ObjectProperty<Long> selectedCheckpointId) {
        this.selectedCheckpointId = selectedCheckpointId;
        setId("checkpoint-history");
        getStyleClass().addAll("cs-cp-history", "dense");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No checkpoint yet"));
        TableColumn<Row, CheckpointStats> status = column("Status", c -> c);
        status.setCellFactory(col -> new StatusCell());
        getColumns().addAll(List.of(
                column("ID", c -> c.id()),
                status,
                column("Acknowledged", CheckpointText::acknowledged),
                column("Trigger time", c -> Readable.clock(c.triggerTimestamp())),
                column("Latest ack", c -> Readable.clock(c.latestAckTimestamp())),
                column("End to end", c -> Readable.millis(c.endToEndDuration())),
                column("Checkpointed size", c -> Readable.bytes(c.checkpointedSize())),
                column("Full size", c -> Readable.bytes(c.stateSize())),
                column("Processed data", c -> Readable.bytes(c.processedData())),
                column("Persisted data", c -> Readable.bytes(c.persistedData())),
                column("Type", CheckpointText::type)));
        getColumns().forEach(c -> c.setSortable(false));
        getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!syncing && row != null) {
                selectedCheckpointId.set(row.id());
            }
        });
        selectedCheckpointId.addListener((o, a, id) -> select(id));
        model.snapshotProperty().addListener((o, a, s) -> show(s));
        show(model.snapshot());
    }

    private static <T> TableColumn<Row, T> column(String title, Function<CheckpointStats, T> value) {
        TableColumn<Row, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> Bindings.createObjectBinding(() -> {
            CheckpointStats s = cell.getValue().stats();
            return s == null ? null : value.apply(s);
        }, cell.getValue().statsProperty()));
        return c;
    }

    private void show(RunSnapshot s) {
        if (s == null) {
            return;
        }
        if (!s.jobId().equals(jobId)) {
            jobId = s.jobId();
            rows.clear();
            getItems().clear();
            revision = -1;
        }
        if (s.revision() == revision) {
            return;
        }
        revision = s.revision();
        List<CheckpointStats> history = s.checkpoints().history(); // newest first
        if (s.replayed()) { // a recording scrubbed back: the checkpoints after that instant go
            long newest = history.isEmpty() ? 0 : history.get(0).id();
            rows.keySet().removeIf(id -> id > newest);
            getItems().removeIf(r -> r.id() > newest);
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            CheckpointStats c = history.get(i);
            Row row = rows.get(c.id());
            if (row == null) {
                row = new Row(c);
                rows.put(c.id(), row);
                getItems().add(insertionIndex(c.id()), row);
            } else if (!Objects.equals(row.stats(), c)) {
                row.stats.set(c);
            }
        }
        select(selectedCheckpointId.get());
    }

    /** Newest first: before the first row with a smaller id. */
    private int insertionIndex(long id) {
        int i = 0;
        while (i < getItems().size() && getItems().get(i).id() > id) {
            i++;
        }
        return i;
    }

    private void select(Long id) {
        Row row = id == null ? null : rows.get(id);
        if (row == getSelectionModel().getSelectedItem()) {
            return;
        }
        syncing = true;
        try {
            if (row == null) {
                getSelectionModel().clearSelection();
            } else {
                getSelectionModel().select(row);
                scrollTo(row);
            }
        } finally {
            syncing = false;
        }
    }

    /** The checkpoint ids shown, in row order (newest first). */
    public List<Long> checkpointIds() {
        return getItems().stream().map(Row::id).toList();
    }

    private static final class StatusCell extends TableCell<Row, CheckpointStats> {
        @Override
        protected void updateItem(CheckpointStats c, boolean empty) {
            super.updateItem(c, empty);
            getStyleClass().removeAll("cs-cp-status-in-progress", "cs-cp-status-completed", "cs-cp-status-failed");
            if (empty || c == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(CheckpointText.status(c.status()));
            getStyleClass().add("cs-cp-status-" + CheckpointText.status(c.status()).replace(' ', '-'));
            setTooltip(c.status() == CheckpointStatus.FAILED && c.failureMessage() != null
                    ? new javafx.scene.control.Tooltip(c.failureMessage()) : null);
        }
    }
}
