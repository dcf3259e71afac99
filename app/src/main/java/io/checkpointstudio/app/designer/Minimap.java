package io.checkpointstudio.app.designer;

import javafx.geometry.Bounds;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/** A bird's-eye view of the whole job with the visible area outlined; click or drag in it to pan. */
final class Minimap extends Pane {
    private static final double W = 180;
    private static final double H = 110;
    private final GraphCanvasView canvas;
    private double scale = 1;
    private double originX;
    private double originY;

    Minimap(GraphCanvasView canvas) {
        this.canvas = canvas;
        setId("minimap");
        getStyleClass().add("cs-minimap");
        setPrefSize(W, H);
        setMinSize(W, H);
        setMaxSize(W, H);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::panTo);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::panTo);
    }

    private void panTo(MouseEvent e) {
        canvas.panTo(originX + e.getX() / scale, originY + e.getY() / scale);
        e.consume();
    }

    private final javafx.scene.Group nodeRects = new javafx.scene.Group();
    private final Rectangle viewRect = new Rectangle();

    {
        viewRect.getStyleClass().add("cs-minimap-viewport");
        viewRect.setManaged(false);
        nodeRects.setManaged(false);
        getChildren().addAll(nodeRects, viewRect);
    }

    void redraw() {
        Bounds content = canvas.contentBounds();
        setVisible(content != null && canvas.getWidth() > 400);
        if (content == null) {
            return;
        }
        Bounds view = canvas.viewport();
        double minX = Math.min(content.getMinX(), view.getMinX());
        double minY = Math.min(content.getMinY(), view.getMinY());
        double maxX = Math.max(content.getMaxX(), view.getMaxX());
        double maxY = Math.max(content.getMaxY(), view.getMaxY());
        double pad = 6;
        scale = Math.min((W - 2 * pad) / (maxX - minX), (H - 2 * pad) / (maxY - minY));
        originX = minX - pad / scale;
        originY = minY - pad / scale;
        var views = new java.util.ArrayList<>(canvas.nodeViews().values());
        while (nodeRects.getChildren().size() < views.size()) {
            Rectangle r = new Rectangle();
            r.getStyleClass().add("cs-minimap-node");
            nodeRects.getChildren().add(r);
        }
        nodeRects.getChildren().remove(views.size(), nodeRects.getChildren().size());
        for (int i = 0; i < views.size(); i++) {
            NodeView n = views.get(i);
            Rectangle r = (Rectangle) nodeRects.getChildren().get(i);
            r.setX((n.getLayoutX() - originX) * scale);
            r.setY((n.getLayoutY() - originY) * scale);
            r.setWidth(Math.max(2, NodeView.WIDTH * scale));
            r.setHeight(Math.max(2, NodeView.HEIGHT * scale));
        }
        viewRect.setX(Math.max(0, (view.getMinX() - originX) * scale));
        viewRect.setY(Math.max(0, (view.getMinY() - originY) * scale));
        viewRect.setWidth(Math.min(W - viewRect.getX(), view.getWidth() * scale));
        viewRect.setHeight(Math.min(H - viewRect.getY(), view.getHeight() * scale));
    }
}
