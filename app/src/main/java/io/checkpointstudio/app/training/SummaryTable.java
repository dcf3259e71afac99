package io.checkpointstudio.app.training;

import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * The guide's summary table (checkpoint vs savepoint: auto or manual, purpose, speed, cleanup, triggers,
 * path) with two more columns filled in from the run being monitored: what its checkpoints and its
 * savepoints actually were. Cells have ids {@code summary-<row>-checkpoints} and {@code summary-<row>-savepoints}.
 */
public final class SummaryTable extends GridPane {
    /** Row id, feature, the guide's checkpoint cell, the guide's savepoint cell. */
    static final List<String[]> GUIDE = List.of(
            new String[] {"auto", "Auto or manual?", "Automatic (by interval)", "Manual (triggered by user)"},
            new String[] {"purpose", "Purpose", "Fault recovery", "Job upgrades, controlled restarts"},
            new String[] {"speed", "Speed", "Faster", "Slower"},
            new String[] {"cleanup", "Cleanup", "Auto-deleted (optional)", "Persistent by default"},
            new String[] {"triggers", "Triggers", "Config or code", "CLI or REST API"},
            new String[] {"path", "Path", "state.checkpoints.dir", "state.savepoints.dir"});
    private final MonitorModel monitor;
    private final Map<String, Label> cells = new LinkedHashMap<>();
    private long shownRevision = -1;
    private long shownAt;

    public SummaryTable(MonitorModel monitor) {
        this.monitor = monitor;
        setId("lesson-summary-table");
        getStyleClass().add("cs-summary-table");
        String[] heads = {"Feature", "Checkpoint (guide)", "Savepoint (guide)", "Checkpoints of this run", "Savepoints of this run"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("cs-summary-head");
            add(h, c, 0);
        }
        for (int r = 0; r < GUIDE.size(); r++) {
            String[] row = GUIDE.get(r);
            add(styled(row[1], "cs-summary-feature"), 0, r + 1);
            add(styled(row[2], "cs-summary-guide"), 1, r + 1);
            add(styled(row[3], "cs-summary-guide"), 2, r + 1);
            for (String kind : List.of("checkpoints", "savepoints")) {
                Label live = styled("—", "cs-summary-live");
                live.setId("summary-" + row[0] + "-" + kind);
                live.setWrapText(true);
                live.setMaxWidth(330);
                cells.put(row[0] + "-" + kind, live);
                add(live, kind.equals("checkpoints") ? 3 : 4, r + 1);
            }
        }
        monitor.snapshotProperty().addListener((o, was, now) -> {
            if (System.currentTimeMillis() - shownAt > 500 || now == null || !now.running()) {
                refresh();
            }
        });
        refresh();
    }

    /** The text of a live cell, e.g. {@code cell("auto", "savepoints")}. */
    public String cell(String row, String kind) {
        return cells.get(row + "-" + kind).getText();
    }

    /** Fills the live columns from the current run. */
    public void refresh() {
        RunSnapshot s = monitor.snapshot();
        if (s != null && s.revision() == shownRevision && s.running()) {
            return;
        }
        shownAt = System.currentTimeMillis();
        if (s == null) {
            cells.values().forEach(l -> l.setText("— (run the job)"));
            return;
        }
        shownRevision = s.revision();
        List<EngineEvent.CheckpointCompleted> done = s.events().stream()
                .filter(e -> e instanceof EngineEvent.CheckpointCompleted).map(e -> (EngineEvent.CheckpointCompleted) e).toList();
        List<EngineEvent.CheckpointCompleted> chk = done.stream().filter(c -> !c.savepoint()).toList();
        List<EngineEvent.CheckpointCompleted> sav = done.stream().filter(EngineEvent.CheckpointCompleted::savepoint).toList();
        long restores = s.events().stream().filter(e -> e instanceof EngineEvent.JobRestored).count();
        CheckpointSettings cs = s.settings();
        LiveRun run = monitor.run();

        set("auto", "checkpoints", chk.size() + " completed, one every " + (cs.enabled() ? human(cs.interval()) : "— (checkpointing is off)"));
        set("auto", "savepoints", sav.isEmpty() ? "none yet: press the camera button" : sav.size() + " taken by you");
        set("purpose", "checkpoints", restores == 0 ? "no failure yet: nothing restored" : restores + (restores == 1 ? " restore" : " restores") + " after a failure");
        set("purpose", "savepoints", s.restoredFrom() != null && s.restoredFrom().contains("savepoint") ? "this run started from " + Path.of(s.restoredFrom()).getFileName()
                : "restore one with Run ▸ Restore… (at another parallelism too)");
        set("speed", "checkpoints", chk.isEmpty() ? "—" : "average " + average(chk) + " ms");
        set("speed", "savepoints", sav.isEmpty() ? "—" : "average " + average(sav) + " ms");
        set("cleanup", "checkpoints", chk.isEmpty() ? "—" : onDisk(chk) + " of " + chk.size() + " still on disk (num-retained " + cs.numRetained()
                + ", " + cs.retention() + ")");
        set("cleanup", "savepoints", sav.isEmpty() ? "—" : onDisk(sav) + " of " + sav.size() + " still on disk");
        set("triggers", "checkpoints", cs.enabled() ? "execution.checkpointing.interval = " + human(cs.interval()) : "not triggered");
        set("triggers", "savepoints", "the Savepoint button, Run ▸ Take Savepoint… or ./checkpoint-studio savepoint");
        set("path", "checkpoints", String.valueOf(run != null ? run.checkpointFolder() : cs.directory()));
        set("path", "savepoints", String.valueOf(run != null ? run.savepointDirectory() : cs.savepointDirectory()));
    }

    private void set(String row, String kind, String text) {
        cells.get(row + "-" + kind).setText(text);
    }

    private static long average(List<EngineEvent.CheckpointCompleted> list) {
        return Math.round(list.stream().mapToLong(EngineEvent.CheckpointCompleted::durationMs).average().orElse(0));
    }

    private static long onDisk(List<EngineEvent.CheckpointCompleted> list) {
        return list.stream().filter(c -> c.path() != null && exists(c.path())).count();
    }

    private static boolean exists(String path) {
        try {
            Path p = path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
            return Files.exists(p);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String human(java.time.Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    private static Label styled(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }
}
