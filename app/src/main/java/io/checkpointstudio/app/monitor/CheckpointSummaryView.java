package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.checkpoint.StatsSummary;
import io.checkpointstudio.engine.config.ConfigOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Flink's checkpoint overview and configuration tabs in one: counts, min/avg/max and percentiles over the
 * completed checkpoints, the latest completed, failed, savepoint and restore, and the checkpoint options in
 * effect under their Flink keys.
 */
public final class CheckpointSummaryView extends ScrollPane {
    private static final String[] SUMMARY_COLUMNS = {"Min", "Avg", "Max", "p50", "p90", "p99"};
    private static final String[] SUMMARY_ROWS = {"End to end duration", "Checkpointed size", "Full size", "Processed data", "Persisted data"};

    private final Map<String, Label> counts = new LinkedHashMap<>();
    private final Label[][] summary = new Label[SUMMARY_ROWS.length][SUMMARY_COLUMNS.length];
    private final Map<String, Label> latest = new LinkedHashMap<>();
    private final Label failures = new Label();
    private final GridPane config = new GridPane();
    private long revision = -1;
    private String configJob;

    public CheckpointSummaryView(MonitorModel model) {
        setId("checkpoint-summary");
        getStyleClass().add("cs-cp-summary");
        setFitToWidth(true);
        VBox content = new VBox(14, section("Counts"), countTiles(), section("Completed checkpoints"), summaryGrid(),
                section("Latest"), latestGrid(), failures, section("Configuration"), config);
        content.getStyleClass().add("cs-cp-summary-content");
        failures.setId("cp-consecutive-failures");
        failures.getStyleClass().add("cs-cp-muted");
        config.getStyleClass().add("cs-cp-grid");
        config.setId("checkpoint-config");
        setContent(content);
        model.snapshotProperty().addListener((o, a, s) -> show(s));
        show(model.snapshot());
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cs-cp-section");
        return l;
    }

    private Node countTiles() {
        HBox tiles = new HBox(10);
        for (String name : new String[] {"triggered", "in progress", "completed", "failed", "restored"}) {
            Label value = new Label(Readable.UNKNOWN);
            value.setId("cp-count-" + name.replace(' ', '-'));
            value.getStyleClass().addAll("cs-cp-count", "cs-cp-count-" + name.replace(' ', '-'));
            Label caption = new Label(name);
            caption.getStyleClass().add("cs-cp-muted");
            VBox tile = new VBox(2, value, caption);
            tile.getStyleClass().add("cs-cp-tile");
            tiles.getChildren().add(tile);
            counts.put(name, value);
        }
        return tiles;
    }

    private Node summaryGrid() {
        GridPane g = new GridPane();
        g.getStyleClass().add("cs-cp-grid");
        g.setId("checkpoint-summary-table");
        g.getColumnConstraints().add(new ColumnConstraints());
        for (int c = 0; c < SUMMARY_COLUMNS.length; c++) {
            Label h = new Label(SUMMARY_COLUMNS[c]);
            h.getStyleClass().add("cs-cp-grid-header");
            g.add(h, c + 1, 0);
            ColumnConstraints cc = new ColumnConstraints(80);
            cc.setHalignment(HPos.RIGHT);
            g.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < SUMMARY_ROWS.length; r++) {
            g.add(new Label(SUMMARY_ROWS[r]), 0, r + 1);
            for (int c = 0; c < SUMMARY_COLUMNS.length; c++) {
                summary[r][c] = new Label(Readable.UNKNOWN);
                g.add(summary[r][c], c + 1, r + 1);
            }
        }
        return g;
    }

    private Node latestGrid() {
        GridPane g = new GridPane();
        g.getStyleClass().add("cs-cp-grid");
        int row = 0;
        for (String name : new String[] {"Completed", "Failed", "Savepoint", "Restored"}) {
            Label value = new Label(Readable.UNKNOWN);
            value.setId("cp-latest-" + name.toLowerCase(java.util.Locale.ROOT));
            value.setWrapText(true);
            g.addRow(row++, new Label(name), value);
            latest.put(name, value);
        }
        return g;
    }

    private void show(RunSnapshot s) {
        if (s == null || s.revision() == revision) {
            return;
        }
        revision = s.revision();
        CheckpointStatsSnapshot cp = s.checkpoints();
        CheckpointStatsSnapshot.Counts n = cp.counts();
        counts.get("triggered").setText(String.valueOf(n.total()));
        counts.get("in progress").setText(String.valueOf(n.inProgress()));
        counts.get("completed").setText(String.valueOf(n.completed()));
        counts.get("failed").setText(String.valueOf(n.failed()));
        counts.get("restored").setText(String.valueOf(n.restored()));

        CheckpointStatsSnapshot.Summary sum = cp.summary();
        boolean any = n.completed() > 0;
        fill(0, sum.endToEndDuration(), any, Readable::millis);
        fill(1, sum.checkpointedSize(), any, Readable::bytes);
        fill(2, sum.stateSize(), any, Readable::bytes);
        fill(3, sum.processedData(), any, Readable::bytes);
        fill(4, sum.persistedData(), any, Readable::bytes);

        latest.get("Completed").setText(describe(cp.latestCompleted()));
        latest.get("Failed").setText(cp.latestFailed() == null ? Readable.UNKNOWN
                : describe(cp.latestFailed()) + (cp.latestFailed().failureMessage() == null ? "" : " — " + cp.latestFailed().failureMessage()));
        latest.get("Savepoint").setText(describe(cp.latestSavepoint()));
        CheckpointStatsSnapshot.Restored r = cp.latestRestored();
        latest.get("Restored").setText(r == null ? Readable.UNKNOWN
                : (r.isSavepoint() ? "savepoint " : "checkpoint ") + r.id() + " at " + Readable.clock(r.restoreTimestamp())
                + (r.restoreDurationMs() < 0 ? "" : ", first record " + Readable.millis(r.restoreDurationMs()) + " after the failure")
                + (r.externalPath() == null ? "" : " · " + r.externalPath()));
        int tolerable = s.settings() == null ? 0 : s.settings().tolerableFailures();
        failures.setText("Consecutive failed checkpoints: " + cp.consecutiveFailures() + " of " + tolerable + " tolerated ("
                + ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS.key() + ")");
        if (!s.jobId().equals(configJob)) {
            configJob = s.jobId();
            showConfig(s.settings());
        }
    }

    private void fill(int row, StatsSummary st, boolean any, DoubleFunction<String> format) {
        double[] values = {st.min(), st.avg(), st.max(), st.p50(), st.p90(), st.p99()};
        for (int c = 0; c < values.length; c++) {
            summary[row][c].setText(any ? format.apply(values[c]) : Readable.UNKNOWN);
        }
    }

    private static String describe(CheckpointStats c) {
        if (c == null) {
            return Readable.UNKNOWN;
        }
        String at = Readable.clock(c.latestAckTimestamp() > 0 ? c.latestAckTimestamp() : c.triggerTimestamp());
        StringBuilder b = new StringBuilder().append(c.id()).append(" at ").append(at);
        if (c.endToEndDuration() >= 0) {
            b.append(" · ").append(Readable.millis(c.endToEndDuration()));
        }
        if (c.stateSize() >= 0 && c.numAcknowledgedSubtasks() > 0) {
            b.append(" · ").append(Readable.bytes(c.stateSize()));
        }
        if (c.externalPath() != null) {
            b.append(" · ").append(c.externalPath());
        }
        return b.toString();
    }

    private void showConfig(CheckpointSettings st) {
        config.getChildren().clear();
        if (st == null) {
            return;
        }
        int row = 0;
        if (!st.enabled()) {
            config.addRow(row++, new Label("Checkpointing is off: " + ConfigOptions.CHECKPOINTING_INTERVAL.key() + " is not set"));
        }
        row = option(row, "Interval", ConfigOptions.CHECKPOINTING_INTERVAL.key(), Readable.flinkDuration(st.interval()));
        row = option(row, "Mode", ConfigOptions.CHECKPOINTING_MODE.key(), String.valueOf(st.mode()));
        row = option(row, "Timeout", ConfigOptions.CHECKPOINTING_TIMEOUT.key(), Readable.flinkDuration(st.timeout()));
        row = option(row, "Min pause", ConfigOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS.key(), Readable.flinkDuration(st.minPause()));
        row = option(row, "Max concurrent", ConfigOptions.MAX_CONCURRENT_CHECKPOINTS.key(), String.valueOf(st.maxConcurrent()));
        row = option(row, "Tolerable failures", ConfigOptions.TOLERABLE_FAILED_CHECKPOINTS.key(), String.valueOf(st.tolerableFailures()));
        row = option(row, "Unaligned", ConfigOptions.UNALIGNED_CHECKPOINTS.key(), String.valueOf(st.unaligned()));
        row = option(row, "Aligned timeout", ConfigOptions.ALIGNED_CHECKPOINT_TIMEOUT.key(), Readable.flinkDuration(st.alignedTimeout()));
        row = option(row, "Retention", ConfigOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(), String.valueOf(st.retention()));
        row = option(row, "Retained", ConfigOptions.NUM_RETAINED_CHECKPOINTS.key(), st.numRetained() < 0 ? Readable.UNKNOWN : String.valueOf(st.numRetained()));
        row = option(row, "After tasks finish", ConfigOptions.CHECKPOINTS_AFTER_TASKS_FINISH.key(), String.valueOf(st.afterTasksFinish()));
        row = option(row, "Checkpoint directory", ConfigOptions.CHECKPOINTS_DIRECTORY.key(), st.directory() == null ? Readable.UNKNOWN : st.directory().toString());
        option(row, "Savepoint directory", ConfigOptions.SAVEPOINT_DIRECTORY.key(),
                st.savepointDirectory() == null ? "not set" : st.savepointDirectory().toString());
    }

    private int option(int row, String name, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add("cs-cp-key");
        Label v = new Label(value);
        v.setId("cp-config-" + key);
        v.setWrapText(true);
        config.addRow(row, new Label(name), k, v);
        return row + 1;
    }

    /** The number shown in a count tile: "triggered", "in progress", "completed", "failed" or "restored". */
    public String count(String name) {
        return counts.get(name).getText();
    }
}
