package io.checkpointstudio.app.shell;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * File ▸ Settings: the theme, the default checkpoint and savepoint folders, and the recent files. Save
 * stores them in {@link Settings} and applies the theme; Cancel leaves everything as it was (clearing the
 * recent files happens at once).
 */
public final class SettingsDialog {
    private final Stage dialog = new Stage();
    private final Settings settings;
    private final Consumer<Boolean> applyTheme;
    private final Runnable recentChanged;
    private final RadioButton light = new RadioButton("Light");
    private final RadioButton dark = new RadioButton("Dark");
    private final TextField checkpoints = new TextField();
    private final TextField savepoints = new TextField();
    private final Label error = new Label();

    private SettingsDialog(Window owner, Settings settings, Consumer<Boolean> applyTheme, Runnable recentChanged) {
        this.settings = settings;
        this.applyTheme = applyTheme;
        this.recentChanged = recentChanged;
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Settings");
    }

    /** Opens the dialog; applyTheme(dark) is called on Save when the theme changed, recentChanged after clearing. */
    public static Stage show(Window owner, Settings settings, Consumer<Boolean> applyTheme, Runnable recentChanged) {
        SettingsDialog d = new SettingsDialog(owner, settings, applyTheme, recentChanged);
        d.build(owner);
        d.dialog.show();
        return d.dialog;
    }

    private void build(Window owner) {
        ToggleGroup theme = new ToggleGroup();
        light.setToggleGroup(theme);
        dark.setToggleGroup(theme);
        light.setId("settings-light");
        dark.setId("settings-dark");
        (settings.darkTheme() ? dark : light).setSelected(true);

        checkpoints.setId("settings-checkpoint-dir");
        checkpoints.setText(settings.defaultCheckpointDir().toString());
        checkpoints.setPrefColumnCount(34);
        savepoints.setId("settings-savepoint-dir");
        savepoints.setText(settings.defaultSavepointDir().toString());

        int recentCount = settings.recentFiles().size();
        Label recent = new Label(recentCount + (recentCount == 1 ? " recent file" : " recent files"));
        recent.setId("settings-recent-count");
        Button clear = new Button("Clear Recent Files");
        clear.setId("settings-clear-recent");
        clear.setDisable(recentCount == 0);
        clear.setOnAction(e -> {
            settings.clearRecentFiles();
            recent.setText("0 recent files");
            clear.setDisable(true);
            recentChanged.run();
        });

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new Label("Theme"), new HBox(16, light, dark));
        grid.addRow(1, new Label("Checkpoints folder"), checkpoints, browse(checkpoints, "Default checkpoints folder"));
        grid.addRow(2, new Label("Savepoints folder"), savepoints, browse(savepoints, "Default savepoints folder"));
        Label note = new Label("The default folders for runs started from the app when the job names none.");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        grid.add(note, 1, 3, 2, 1);
        grid.addRow(4, new Label("Recent files"), new HBox(10, recent, clear));
        Label logs = new Label(settings.logDir().toString());
        logs.setId("settings-log-dir");
        grid.addRow(5, new Label("Log folder"), logs);
        GridPane.setHgrow(checkpoints, Priority.ALWAYS);

        error.setId("settings-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setId("settings-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> dialog.close());
        Button save = new Button("Save");
        save.setId("settings-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, error, spacer, cancel, save);
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox root = new VBox(14, grid, buttons);
        root.setId("settings");
        root.setPadding(new Insets(18));
        Scene scene = new Scene(root);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.setScene(scene);
    }

    private Button browse(TextField field, String title) {
        Button b = new Button("Browse…");
        b.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle(title);
            File current = new File(field.getText());
            if (current.isDirectory()) {
                dc.setInitialDirectory(current);
            }
            File chosen = dc.showDialog(dialog);
            if (chosen != null) {
                field.setText(chosen.getAbsolutePath());
            }
        });
        return b;
    }

    private void save() {
        Path cp = folder(checkpoints.getText(), "checkpoints");
        Path sp = folder(savepoints.getText(), "savepoints");
        if (cp == null || sp == null) {
            return;
        }
        settings.setDefaultCheckpointDir(cp);
        settings.setDefaultSavepointDir(sp);
        boolean wantDark = dark.isSelected();
        if (wantDark != settings.darkTheme()) {
            settings.setDarkTheme(wantDark);
        }
        applyTheme.accept(wantDark);
        dialog.close();
    }

    private Path folder(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            error.setText("Name a folder for " + what);
            return null;
        }
        try {
            Path p = Path.of(t.startsWith("~" + File.separator) || t.equals("~") ? System.getProperty("user.home") + t.substring(1) : t);
            if (!p.isAbsolute()) {
                error.setText("The " + what + " folder must be an absolute path: " + t);
                return null;
            }
            return p;
        } catch (InvalidPathException e) {
            error.setText("Not a folder name: " + t);
            return null;
        }
    }
}
