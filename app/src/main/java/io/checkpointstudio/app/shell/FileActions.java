package io.checkpointstudio.app.shell;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.command.SetConfigCommand;
import io.checkpointstudio.app.files.FlinkConf;
import io.checkpointstudio.engine.job.JobDocuments;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * New, Open, Save, Save As, recent files, samples, and Flink configuration import/export, with the dialogs
 * they need. The methods that take a path do no dialog, so tests call them directly.
 */
public final class FileActions {
    private final DesignerViewModel vm;
    private final Settings settings;
    private final Executor background;
    private final Window owner;
    private Runnable recentChanged = () -> { };

    public FileActions(DesignerViewModel vm, Settings settings, Executor background, Window owner) {
        this.vm = vm;
        this.settings = settings;
        this.background = background;
        this.owner = owner;
    }

    void onRecentChanged(Runnable r) {
        this.recentChanged = r;
    }

    /** Tells the listener the recent files changed elsewhere (the settings dialog cleared them). */
    void recentFilesChanged() {
        recentChanged.run();
    }

    public void newJob() {
        if (confirmDiscard()) {
            vm.newDocument();
        }
    }

    public void openWithDialog() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser fc = jobChooser("Open job");
        File f = fc.showOpenDialog(owner);
        if (f != null) {
            open(f.toPath());
        }
    }

    public CompletableFuture<Void> open(Path path) {
        return vm.open(path).thenAccept(r -> {
            if (r.document().isPresent()) {
                settings.addRecentFile(path);
                recentChanged.run();
            } else {
                error("Could not open " + path.getFileName(), String.join("\n", r.problems().stream().map(Object::toString).toList()));
            }
        }).exceptionally(e -> {
            error("Could not open " + path.getFileName(), String.valueOf(e.getMessage()));
            return null;
        });
    }

    public void openRecent(Path path) {
        if (confirmDiscard()) {
            open(path);
        }
    }

    /** Saves to the current file, or asks for one; completes with false when cancelled or failed. */
    public CompletableFuture<Boolean> save() {
        Path file = vm.fileProperty().get();
        return file == null ? saveAsWithDialog() : saveTo(file);
    }

    public CompletableFuture<Boolean> saveAsWithDialog() {
        FileChooser fc = jobChooser("Save job as");
        String name = vm.document().name() == null ? "job" : vm.document().name();
        fc.setInitialFileName(name + ".job.json");
        File f = fc.showSaveDialog(owner);
        return f == null ? CompletableFuture.completedFuture(false) : saveTo(f.toPath());
    }

    public CompletableFuture<Boolean> saveTo(Path path) {
        return vm.save(path).handle((p, e) -> {
            if (e != null) {
                error("Could not save " + path.getFileName(), String.valueOf(e.getMessage()));
                return false;
            }
            settings.addRecentFile(path);
            recentChanged.run();
            return true;
        });
    }

    public void importConfigWithDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import Flink configuration");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Flink configuration", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(owner);
        if (f != null) {
            importConfig(f.toPath());
        }
    }

    /** Reads a flink-conf.yaml / config.yaml off the FX thread and applies its known keys as one command. */
    public CompletableFuture<FlinkConf.Import> importConfig(Path path) {
        CompletableFuture<FlinkConf.Import> done = new CompletableFuture<>();
        background.execute(() -> {
            try {
                FlinkConf.Import result = FlinkConf.parse(Files.readString(path, StandardCharsets.UTF_8));
                Platform.runLater(() -> {
                    if (!result.values().isEmpty()) {
                        vm.execute(new SetConfigCommand(result.values(), "Import " + path.getFileName()));
                    }
                    vm.log("Imported " + result.values().size() + " options from " + path
                            + (result.values().isEmpty() ? "" : ": " + String.join(", ", result.values().keySet())));
                    if (!result.unknownKeys().isEmpty()) {
                        vm.log("Not imported (unknown to Checkpoint Studio): " + String.join(", ", result.unknownKeys()));
                    }
                    result.problems().forEach(p -> vm.log(path.getFileName() + ": " + p));
                    done.complete(result);
                });
            } catch (IOException e) {
                Platform.runLater(() -> {
                    error("Could not read " + path.getFileName(), e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    public void exportConfigWithDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export Flink configuration");
        fc.setInitialFileName("config.yaml");
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            exportConfig(f.toPath());
        }
    }

    public void exportConfig(Path path) {
        String text = FlinkConf.write(vm.document().config(), vm.document().name());
        background.execute(() -> {
            try {
                Files.writeString(path, text, StandardCharsets.UTF_8);
                Platform.runLater(() -> vm.log("Exported the configuration to " + path));
            } catch (IOException e) {
                Platform.runLater(() -> error("Could not write " + path.getFileName(), e.getMessage()));
            }
        });
    }

    /** With unsaved changes, asks Save / Don't Save / Cancel; true when it is fine to go on. */
    public boolean confirmDiscard() {
        if (!vm.isDirty()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The job '" + vm.document().name() + "' has unsaved changes.",
                save, discard, ButtonType.CANCEL);
        a.setHeaderText("Save your changes?");
        a.initOwner(owner);
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == save) {
            Path file = vm.fileProperty().get();
            if (file == null) {
                FileChooser fc = jobChooser("Save job as");
                File f = fc.showSaveDialog(owner);
                if (f == null) {
                    return false;
                }
                file = f.toPath();
            }
            try {
                JobDocuments.write(vm.document(), file);
            } catch (IOException e) {
                error("Could not save", e.getMessage());
                return false;
            }
        }
        return true;
    }

    private FileChooser jobChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Job documents", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path file = vm.fileProperty().get();
        if (file != null && file.toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(file.toAbsolutePath().getParent().toFile());
        }
        return fc;
    }

    private void error(String header, String text) {
        vm.log(header + ": " + text);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        a.initOwner(owner);
        a.show();
    }
}
