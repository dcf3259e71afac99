package io.checkpointstudio.app.recording;

import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSource;
import io.checkpointstudio.engine.job.JobDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every run the app starts is recorded into the runs folder ({@code ~/.checkpoint-studio/runs/<time>-<job>.csrun});
 * a recording opens in the monitor views with a scrubber, and exports to one self-contained file. The
 * File menu's "Open Recorded Run…", "Recent Runs" and "Export Run…" are here.
 */
public final class Recordings implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int RECENT = 10;

    private final Path folder;
    private final MonitorModel monitor;
    private final Window owner;
    private final Consumer<String> log;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "studio recorder");
        t.setDaemon(true);
        return t;
    });
    private final Map<LiveRun, RunRecorder> recorders = new WeakHashMap<>();
    private final Menu recentMenu = new Menu("Recent Runs");
    private final RecordingScrubber scrubber;

    public Recordings(Path folder, MonitorModel monitor, Window owner, Consumer<String> log) {
        this.folder = folder;
        this.monitor = monitor;
        this.owner = owner;
        this.log = log;
        this.scrubber = new RecordingScrubber(monitor);
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
    }

    /** The folder recordings go to. */
    public Path folder() {
        return folder;
    }

    /** The play/scrub bar, visible while a recording is shown. */
    public RecordingScrubber scrubber() {
        return scrubber;
    }

    /** Starts recording a run that just started. Call on the JavaFX thread. */
    public RunRecorder record(LiveRun run, JobDocument job) {
        if (recorders.containsKey(run)) {
            return recorders.get(run);
        }
        String name = STAMP.format(LocalDateTime.now()) + "-" + safe(run.jobName()) + RecordingFormat.EXTENSION;
        try {
            RunRecorder r = RunRecorder.start(run, job, folder.resolve(name), executor);
            recorders.put(run, r);
            r.finished().whenComplete((f, e) -> Platform.runLater(() -> {
                if (e != null) {
                    log.accept("warning: recording of '" + run.jobName() + "' failed: " + e.getMessage());
                } else {
                    log.accept("Recorded '" + run.jobName() + "' in " + f + " (File ▸ Open Recorded Run…)");
                    fillRecent();
                }
            }));
            return r;
        } catch (IOException e) {
            log.accept("warning: cannot record '" + run.jobName() + "': " + e.getMessage());
            return null;
        }
    }

    /** The recorder of a live run, if it is being (or was) recorded. */
    public java.util.Optional<RunRecorder> recorderOf(LiveRun run) {
        return java.util.Optional.ofNullable(recorders.get(run));
    }

    /** Reads a recording (on the recorder's thread) and shows it in the monitor views, scrubbed to its end. */
    public CompletableFuture<RecordedRunPlayer> open(Path file) {
        CompletableFuture<RecordedRunPlayer> opened = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                RecordedRunPlayer player = new RecordedRunPlayer(RunRecording.read(file));
                Platform.runLater(() -> {
                    show(player);
                    log.accept("Opened the recorded run '" + player.jobName() + "' from " + file.getFileName()
                            + (player.recording().complete() ? "" : " (the recording ends early: its writer stopped)"));
                    opened.complete(player);
                });
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    /** Shows a player: first at its start (the views reset), then at its end. */
    void show(RecordedRunPlayer player) {
        long end = player.end();
        player.seek(player.start());
        monitor.show(player);
        player.seek(end);
        monitor.refresh();
        scrubber.attach(player);
    }

    /**
     * The file behind what the monitor shows: the recording's, or the live run's once it ended (a running
     * run's file is not finished yet).
     */
    public java.util.Optional<Path> exportable() {
        RunSource s = monitor.source();
        if (s instanceof RecordedRunPlayer p) {
            return java.util.Optional.of(p.recording().file());
        }
        if (s instanceof LiveRun run) {
            RunRecorder r = recorders.get(run);
            if (r != null && r.finished().isDone() && !r.finished().isCompletedExceptionally()) {
                return java.util.Optional.of(r.file());
            }
        }
        return java.util.Optional.empty();
    }

    /** Copies the shown run's recording to {@code target}: one self-contained file that opens on any machine. */
    public CompletableFuture<Path> export(Path target) {
        Path from = exportable().orElse(null);
        if (from == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no finished run is shown; run a job to its end, or open a recording"));
        }
        CompletableFuture<Path> done = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                if (target.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                }
                Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
                done.complete(target);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The recordings in the runs folder, newest first. */
    public List<Path> recent() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(RecordingFormat.EXTENSION))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).limit(RECENT).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ menu

    /** "Open Recorded Run…", "Recent Runs" and "Export Run…", for the File menu. */
    public List<MenuItem> menuItems() {
        MenuItem open = new MenuItem("Open Recorded Run…", new FontIcon("mdi2f-file-video-outline"));
        open.setId("open-recorded-run");
        open.setOnAction(e -> openWithDialog());
        MenuItem export = new MenuItem("Export Run…", new FontIcon("mdi2e-export"));
        export.setId("export-run");
        export.setOnAction(e -> exportWithDialog());
        return List.of(open, recentMenu, export);
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent()) {
            MenuItem m = new MenuItem(p.getFileName().toString());
            m.setOnAction(e -> openReporting(p));
            recentMenu.getItems().add(m);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recorded runs yet");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private void openWithDialog() {
        FileChooser chooser = chooser("Open a recorded run");
        chooser.setInitialDirectory(Files.isDirectory(folder) ? folder.toFile() : null);
        java.io.File f = chooser.showOpenDialog(owner);
        if (f != null) {
            openReporting(f.toPath());
        }
    }

    private void openReporting(Path file) {
        open(file).whenComplete((p, e) -> {
            if (e != null) {
                Platform.runLater(() -> error("Cannot open " + file.getFileName(), (e.getCause() != null ? e.getCause() : e).getMessage()));
            }
        });
    }

    private void exportWithDialog() {
        if (exportable().isEmpty()) {
            error("Nothing to export", "Export writes the run the monitor shows to one file. Run a job to its end, or open a recorded run, then export.");
            return;
        }
        FileChooser chooser = chooser("Export the run to one file");
        chooser.setInitialFileName(exportable().get().getFileName().toString());
        java.io.File f = chooser.showSaveDialog(owner);
        if (f != null) {
            export(f.toPath()).whenComplete((p, e) -> Platform.runLater(() -> {
                if (e != null) {
                    error("Export failed", e.getMessage());
                } else {
                    log.accept("Exported the run to " + p + " (open it with File ▸ Open Recorded Run… on any machine)");
                }
            }));
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recorded runs (*.csrun)", "*" + RecordingFormat.EXTENSION));
        return chooser;
    }

    private void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.initOwner(owner);
        a.setHeaderText(header);
        a.show();
    }

    private static String safe(String name) {
        String s = name == null ? "job" : name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return s.isEmpty() ? "job" : s;
    }

    @Override
    public void close() {
        scrubber.dispose();
        executor.shutdown(); // recorders still writing finish their current line; an unfinished file opens up to it
    }
}
