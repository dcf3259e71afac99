package io.checkpointstudio.app.monitor;

import atlantafx.base.theme.Styles;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Fault injection into the running job: fail a subtask now or after some records, fail the next
 * checkpoint, slow an operator down, or crash the whole job as a killed process would. Every control is
 * off while no run is RUNNING; every action is written down (and handed to {@link #onAction}).
 */
public final class FaultPanel extends VBox {
    static final int ALL_SUBTASKS = -1;
    private static final int MAX_SLOW_MICROS = 2000;

    private final MonitorModel model;
    private final BooleanProperty armed = new SimpleBooleanProperty(this, "armed", false);
    private final ComboBox<String> operator = new ComboBox<>();
    private final ComboBox<Integer> subtask = new ComboBox<>();
    private final Spinner<Integer> records = new Spinner<>(1, 100_000_000, 10_000, 1_000);
    private final Slider slow = new Slider(0, MAX_SLOW_MICROS, 0);
    private final Label slowValue = new Label();
    private final Label lastAction = new Label("No fault injected yet.");
    private final Map<String, Long> slowed = new HashMap<>();
    private Map<String, Integer> parallelism = Map.of();
    private boolean showingSlowness;
    private Consumer<String> onAction = s -> { };

    public FaultPanel(MonitorModel model) {
        this.model = model;
        getStyleClass().add("cs-fault-panel");
        MonitorStyles.addTo(this);

        Label title = new Label("Fault injection");
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("Break the running job on purpose and watch it recover from its last checkpoint.");
        intro.getStyleClass().add("cs-hint");
        intro.setWrapText(true);

        operator.setId("fault-operator");
        operator.setTooltip(new Tooltip("The operator the faults below go to"));
        operator.valueProperty().addListener((o, a, op) -> operatorChosen(op));
        subtask.setId("fault-subtask");
        subtask.setTooltip(new Tooltip("One parallel instance of the operator, or all of them"));
        subtask.setButtonCell(new SubtaskCell());
        subtask.setCellFactory(l -> new SubtaskCell());
        GridPane target = new GridPane();
        target.setHgap(8);
        target.setVgap(6);
        target.addRow(0, new Label("Operator"), operator);
        target.addRow(1, new Label("Subtask"), subtask);

        Button failNow = button("fault-fail-now", "Fail now", "mdi2l-lightning-bolt",
                "Throws an exception in the chosen subtask at its next record batch. The job cancels its tasks, waits "
                        + "for the restart strategy's delay, and restores every operator from the latest completed checkpoint.",
                this::failNow);
        records.setId("fault-records");
        records.setEditable(true);
        records.setPrefWidth(120);
        records.setTooltip(new Tooltip("How many more records the subtask processes before it fails"));
        Button failAfter = button("fault-fail-after", "Fail after N records", "mdi2t-timer-sand",
                "Lets the chosen subtask process this many more records, then fails it as 'Fail now' does. "
                        + "Use it to fail between two checkpoints and see the records since the last one replayed.",
                this::failAfter);
        HBox failAfterRow = new HBox(8, failAfter, records, new Label("records"));
        failAfterRow.setAlignment(Pos.CENTER_LEFT);
        Button failCheckpoint = button("fault-fail-checkpoint", "Fail next checkpoint", "mdi2c-close-circle-outline",
                "The next checkpoint's write fails. The job keeps running unless more checkpoints fail in a row than "
                        + "execution.checkpointing.tolerable-failed-checkpoints allows; then it restarts.",
                this::failNextCheckpoint);

        slow.setId("fault-slow");
        slow.setMajorTickUnit(500);
        slow.setShowTickMarks(true);
        slow.setShowTickLabels(true);
        slow.setBlockIncrement(100);
        slow.setTooltip(new Tooltip("Delays every record of the chosen operator (all subtasks) by this many microseconds. "
                + "Applied when you release the slider. Watch back-pressure build up upstream and checkpoints take longer."));
        slow.valueProperty().addListener((o, a, v) -> {
            slowValue.setText(Math.round(v.doubleValue()) + " µs/record");
            if (!slow.isValueChanging()) {
                applySlowness();
            }
        });
        slow.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                applySlowness();
            }
        });
        slowValue.setId("fault-slow-value");
        slowValue.getStyleClass().add("cs-slow-value");
        slowValue.setText("0 µs/record");
        HBox slowRow = new HBox(8, new FontIcon("mdi2s-speedometer-slow"), new Label("Slow operator"), slow, slowValue);
        slowRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(slow, javafx.scene.layout.Priority.ALWAYS);

        VBox subtaskFaults = group(target, failNow, failAfterRow, failCheckpoint, slowRow);

        Button crash = button("fault-crash", "Crash the job (as if the process died)", "mdi2s-skull-outline",
                "Ends the whole run at once, without a final checkpoint or savepoint, as kill -9 or a power cut would.",
                this::crash);
        crash.getStyleClass().add(Styles.DANGER);
        Label crashHelp = new Label("No restart follows: the run is over. Its retained checkpoints stay on disk; resume from the "
                + "newest one with Restore… in the Snapshots view and the job continues exactly where that checkpoint left it.");
        crashHelp.setWrapText(true);
        crashHelp.getStyleClass().add("cs-hint");
        VBox crashGroup = group(crash, crashHelp);

        lastAction.setId("fault-last-action");
        lastAction.getStyleClass().add("cs-last-action");
        lastAction.setWrapText(true);

        for (Node n : new Node[] {operator, subtask, records, slow, failNow, failAfter, failCheckpoint, crash}) {
            n.disableProperty().bind(armed.not());
        }
        getChildren().addAll(title, intro, subtaskFaults, crashGroup, lastAction);

        model.runProperty().addListener((o, a, run) -> runChanged(run));
        model.snapshotProperty().addListener((o, a, s) -> statusChanged(s));
        runChanged(model.run());
        statusChanged(model.snapshot());
    }

    /** Called with a sentence for every fault injected (for example to put it into a log). */
    public void onAction(Consumer<String> handler) {
        this.onAction = handler == null ? s -> { } : handler;
    }

    private void runChanged(LiveRun run) {
        slowed.clear();
        parallelism = run == null ? Map.of() : run.operators();
        String previous = operator.getValue();
        operator.setItems(FXCollections.observableArrayList(parallelism.keySet()));
        if (previous != null && parallelism.containsKey(previous)) {
            operator.setValue(previous);
        } else if (!parallelism.isEmpty()) {
            operator.getSelectionModel().selectFirst();
        }
    }

    private void statusChanged(RunSnapshot s) {
        armed.set(s != null && model.run() != null && s.status() == JobStatus.RUNNING);
    }

    private void operatorChosen(String op) {
        Integer previous = subtask.getValue();
        int p = op == null ? 0 : parallelism.getOrDefault(op, 1);
        subtask.getItems().setAll(ALL_SUBTASKS);
        for (int i = 0; i < p; i++) {
            subtask.getItems().add(i);
        }
        subtask.setValue(previous != null && subtask.getItems().contains(previous) ? previous : ALL_SUBTASKS);
        showingSlowness = true;
        slow.setValue(op == null ? 0 : slowed.getOrDefault(op, 0L));
        showingSlowness = false;
    }

    private void failNow() {
        LiveRun run = model.run();
        run.failNow(operator.getValue(), subtaskValue());
        report("Failed " + target() + " now.");
    }

    private void failAfter() {
        LiveRun run = model.run();
        int n = typedRecords();
        run.failAfter(operator.getValue(), subtaskValue(), n);
        report(target() + " will fail after " + n + " more records.");
    }

    /** What the spinner's field shows, even if the user typed it without pressing Enter. */
    private int typedRecords() {
        try {
            int typed = Integer.parseInt(records.getEditor().getText().trim().replace(",", "").replace("_", ""));
            if (typed > 0) {
                records.getValueFactory().setValue(typed);
            }
        } catch (NumberFormatException e) {
            records.getEditor().setText(Integer.toString(records.getValue())); // not a number: keep the last good one
        }
        return records.getValue();
    }

    private void failNextCheckpoint() {
        model.run().failNextCheckpoint();
        report("The next checkpoint will fail.");
    }

    private void applySlowness() {
        String op = operator.getValue();
        LiveRun run = model.run();
        if (showingSlowness || op == null || run == null || !armed.get()) {
            return;
        }
        long micros = Math.round(slow.getValue());
        if (micros == slowed.getOrDefault(op, 0L)) {
            return;
        }
        run.slow(op, micros);
        slowed.put(op, micros);
        report(micros == 0 ? "'" + op + "' runs at full speed again." : "Slowed '" + op + "' to " + micros + " µs per record.");
    }

    private void crash() {
        model.run().crash();
        report("Crashed the job. Resume it from its newest retained checkpoint with Restore… in Snapshots.");
    }

    private int subtaskValue() {
        Integer s = subtask.getValue();
        return s == null ? ALL_SUBTASKS : s;
    }

    private String target() {
        int s = subtaskValue();
        return (s == ALL_SUBTASKS ? "every subtask" : "subtask " + s) + " of '" + operator.getValue() + "'";
    }

    private void report(String what) {
        String line = Sizes.time(System.currentTimeMillis()) + "  " + what;
        lastAction.setText(line);
        onAction.accept(what);
    }

    private static Button button(String id, String text, String icon, String tooltip, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        Tooltip t = new Tooltip(tooltip);
        t.setWrapText(true);
        t.setMaxWidth(380);
        b.setTooltip(t);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static VBox group(Node... children) {
        VBox box = new VBox(children);
        box.getStyleClass().add("cs-fault-group");
        return box;
    }

    private static final class SubtaskCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s == ALL_SUBTASKS ? "all subtasks" : "subtask " + s);
        }
    }
}
