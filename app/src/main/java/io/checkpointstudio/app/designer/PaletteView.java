package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every operator of the registry, grouped by category, with a search field. Drag an item onto the canvas
 * to add it there; double-click to add it after the selected operator.
 */
public final class PaletteView extends VBox {

    /** Where a dragged palette item lands. */
    public interface DropTarget {
        boolean drop(String type, double sceneX, double sceneY);
    }

    private final DesignerViewModel vm;
    private final DropTarget target;
    private final Pane dragLayer;
    private final TextField search = new TextField();
    private final VBox list = new VBox(1);
    private final List<Item> items = new ArrayList<>();
    private Label ghost;

    private record Item(OperatorDescriptor descriptor, Node node, Label header) {
    }

    public PaletteView(DesignerViewModel vm, DropTarget target, Pane dragLayer) {
        this.vm = vm;
        this.target = target;
        this.dragLayer = dragLayer;
        setId("palette");
        getStyleClass().add("cs-palette");
        search.setId("palette-search");
        search.setPromptText("Search operators");
        search.textProperty().addListener((obs, o, n) -> filter(n));
        Label title = new Label("OPERATORS");
        title.getStyleClass().add("cs-pane-title");
        VBox.setMargin(search, new javafx.geometry.Insets(0, 8, 4, 8));
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        list.setPadding(new javafx.geometry.Insets(0, 4, 8, 4));
        getChildren().addAll(title, search, scroll);
        for (Category c : Category.values()) {
            List<OperatorDescriptor> ds = vm.registry().inCategory(c);
            if (ds.isEmpty()) {
                continue;
            }
            Label header = new Label(c.displayName().toUpperCase(Locale.ROOT));
            header.getStyleClass().add("cs-palette-group");
            list.getChildren().add(header);
            for (OperatorDescriptor d : ds) {
                Node n = itemNode(d);
                items.add(new Item(d, n, header));
                list.getChildren().add(n);
            }
        }
    }

    public TextField searchField() {
        return search;
    }

    private Node itemNode(OperatorDescriptor d) {
        FontIcon icon = new FontIcon();
        try {
            icon.setIconLiteral(d.icon());
        } catch (RuntimeException e) {
            icon.setIconLiteral("mdi2c-cog");
        }
        Label name = new Label(d.displayName());
        Label type = new Label(d.type());
        type.getStyleClass().add("cs-palette-type");
        VBox text = new VBox(0, name, type);
        HBox box = new HBox(8, icon, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("palette-" + d.type());
        box.getStyleClass().add("cs-palette-item");
        Tooltip tip = new Tooltip(d.summary() + "\n\nDrag onto the canvas, or double-click to add after the selection.");
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.setShowDelay(Duration.millis(500));
        Tooltip.install(box, tip);
        box.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.addOperatorAfterSelection(d.type());
            }
        });
        box.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (ghost == null) {
                ghost = new Label(d.displayName(), new FontIcon(d.icon()));
                ghost.getStyleClass().add("cs-drag-ghost");
                ghost.setMouseTransparent(true);
                dragLayer.getChildren().add(ghost);
            }
            Point2D p = dragLayer.sceneToLocal(e.getSceneX(), e.getSceneY());
            ghost.autosize();
            ghost.relocate(p.getX() + 8, p.getY() + 8);
        });
        box.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (ghost != null) {
                dragLayer.getChildren().remove(ghost);
                ghost = null;
                target.drop(d.type(), e.getSceneX(), e.getSceneY());
            }
        });
        return box;
    }

    private void filter(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Item i : items) {
            OperatorDescriptor d = i.descriptor();
            boolean show = q.isEmpty() || d.displayName().toLowerCase(Locale.ROOT).contains(q)
                    || d.type().contains(q) || d.summary().toLowerCase(Locale.ROOT).contains(q)
                    || d.category().displayName().toLowerCase(Locale.ROOT).contains(q);
            i.node().setVisible(show);
            i.node().setManaged(show);
        }
        for (Node n : list.getChildren()) {
            if (n instanceof Label header) {
                boolean any = items.stream().anyMatch(i -> i.header() == header && i.node().isVisible());
                header.setVisible(any);
                header.setManaged(any);
            }
        }
    }
}
