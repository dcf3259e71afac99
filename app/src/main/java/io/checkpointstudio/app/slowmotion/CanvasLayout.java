package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.app.designer.EdgeView;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.NodeView;
import io.checkpointstudio.engine.job.EdgeSpec;
import java.util.Optional;
import javafx.geometry.Point2D;

/** The designer's canvas as the slow motion's {@link SceneLayout}: where its nodes and edges are drawn now. */
final class CanvasLayout implements SceneLayout {
    /** The coordinator's box is this wide; it goes this far from the canvas's right edge. */
    private static final double COORDINATOR_INSET = 230;
    private final GraphCanvasView canvas;

    CanvasLayout(GraphCanvasView canvas) {
        this.canvas = canvas;
    }

    @Override
    public Optional<Point> nodeAt(String operatorId) {
        NodeView node = canvas.nodeView(operatorId);
        return node == null ? Optional.empty() : Optional.of(new Point(node.getLayoutX(), node.getLayoutY()));
    }

    @Override
    public double nodeWidth() {
        return NodeView.WIDTH;
    }

    @Override
    public double nodeHeight() {
        return NodeView.HEIGHT;
    }

    @Override
    public boolean drawn(EdgeSpec edge) {
        return canvas.edgeViews().containsKey(edge);
    }

    @Override
    public Point pointOn(EdgeSpec edge, double t) {
        EdgeView view = canvas.edgeViews().get(edge);
        Point2D p = view.pointAt(t);
        return new Point(p.getX(), p.getY());
    }

    @Override
    public Point coordinatorCorner() {
        Point2D p = canvas.viewToWorld(Math.max(10, canvas.getWidth() - COORDINATOR_INSET), 12);
        return new Point(p.getX(), p.getY());
    }

    @Override
    public double zoom() {
        return canvas.zoomLevelProperty().get();
    }
}
