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

    void redraw() {
        getChildren().clear();
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
        canvas.nodeViews().values().forEach(n -> {
            Rectangle r = new Rectangle((n.getLayoutX() - originX) * scale, (n.getLayoutY() - originY) * scale,
                    Math.max(2, NodeView.WIDTH * scale), Math.max(2, NodeView.HEIGHT * scale));
            r.setStyle("-fx-fill: -cs-edge; -fx-opacity: 0.6;");
            getChildren().add(r);
        });
        Rectangle v = new Rectangle((view.getMinX() - originX) * scale, (view.getMinY() - originY) * scale,
                view.getWidth() * scale, view.getHeight() * scale);
        v.setStyle("-fx-fill: transparent; -fx-stroke: -cs-accent-emphasis; -fx-stroke-width: 1.5;");
        getChildren().add(v);
    }
}
