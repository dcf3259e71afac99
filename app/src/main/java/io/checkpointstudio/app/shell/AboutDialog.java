package io.checkpointstudio.app.shell;

import java.nio.file.Path;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Help ▸ About: the app's, Java's, JavaFX's and the key libraries' versions, the OS and the log folder. */
public final class AboutDialog {
    private AboutDialog() {
    }

    public static Stage show(Window owner, Path logDir) {
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("About Checkpoint Studio");
        Label title = new Label("Checkpoint Studio");
        title.getStyleClass().add("title-2");
        Label tagline = new Label("Design, run and monitor stream jobs with Flink-style checkpoints.");
        tagline.getStyleClass().add("text-muted");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        int row = 0;
        row = add(grid, row, "Version", "app", Versions.app());
        row = add(grid, row, "Java", "java", Versions.java());
        row = add(grid, row, "JavaFX", "javafx", Versions.javafx());
        row = add(grid, row, "Operating system", "os", Versions.os());
        row = add(grid, row, "Log folder", "logs", logDir.toString());
        for (Map.Entry<String, String> lib : Versions.libraryVersions().entrySet()) {
            row = add(grid, row, lib.getKey(), Versions.key(lib.getKey()), lib.getValue());
        }
        Button copy = new Button("Copy");
        copy.setId("about-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(Versions.describe(logDir));
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button logs = new Button("Open Log Folder");
        logs.setId("about-open-logs");
        logs.setOnAction(e -> DocsLinks.open(logDir));
        Button close = new Button("Close");
        close.setId("about-close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> dialog.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, copy, logs, spacer, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(10, title, tagline, grid, buttons);
        root.setId("about");
        root.setPadding(new Insets(18));
        Scene scene = new Scene(root);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        dialog.setScene(scene);
        dialog.show();
        return dialog;
    }

    private static int add(GridPane grid, int row, String name, String id, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("text-muted");
        Label v = new Label(value);
        v.setId("about-" + id);
        v.setWrapText(true);
        v.setMaxWidth(520);
        grid.addRow(row, key, v);
        return row + 1;
    }
}
