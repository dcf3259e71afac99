package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.Problem;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The validation problems of the current document; clicking one shows where it is. */
public final class ProblemsView extends VBox {
    private final ListView<Problem> list;

    public ProblemsView(DesignerViewModel vm, Consumer<Problem> reveal) {
        list = new ListView<>(vm.problems());
        list.setId("problems");
        list.setPlaceholder(new Label("No problems: the job is valid"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("cs-problem-error", "cs-problem-warning");
                if (empty || p == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                getStyleClass().add(p.isError() ? "cs-problem-error" : "cs-problem-warning");
                FontIcon icon = new FontIcon(p.isError() ? "mdi2c-close-circle" : "mdi2a-alert");
                Label message = new Label(p.message());
                Label path = new Label(p.path());
                path.getStyleClass().add("cs-prop-key");
                HBox row = new HBox(8, icon, path, message);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setText(null);
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) {
                reveal.accept(p);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().add(list);
    }

    public ListView<Problem> list() {
        return list;
    }
}
