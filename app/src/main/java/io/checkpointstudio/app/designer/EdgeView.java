package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.EdgeSpec;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

/** A connection: a horizontal-tangent cubic curve from an output port to an input port, with an arrow. */
public final class EdgeView extends Group {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final double ARROW = 9;
    private final EdgeSpec edge;
    private final CubicCurve curve = new CubicCurve();
    private final CubicCurve hit = new CubicCurve();
    private final Polygon arrow = new Polygon();
    private final Label rate = new Label();

    public EdgeView(EdgeSpec edge) {
        this.edge = edge;
        setId("edge-" + edge.from() + "-" + edge.to());
        getStyleClass().add("cs-edge-group");
        curve.getStyleClass().add("cs-edge");
        hit.getStyleClass().add("cs-edge-hit");
        arrow.getStyleClass().add("cs-edge-arrow");
        curve.setMouseTransparent(true);
        rate.getStyleClass().add("cs-edge-rate");
        rate.setId("rate-" + edge.from() + "-" + edge.to());
        rate.setMouseTransparent(true);
        rate.setVisible(false);
        getChildren().addAll(curve, arrow, hit, rate);
    }

    public EdgeSpec edge() {
        return edge;
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Shows the records per second flowing along the edge while a job runs (null hides it). */
    public void showRate(String text) {
        rate.setVisible(text != null);
        if (text != null) {
            rate.setText(text);
            placeRate();
        }
    }

    public String rateText() {
        return rate.isVisible() ? rate.getText() : "";
    }

    private void placeRate() {
        rate.autosize();
        double mx = 0.125 * curve.getStartX() + 0.375 * curve.getControlX1() + 0.375 * curve.getControlX2() + 0.125 * curve.getEndX();
        double my = 0.125 * curve.getStartY() + 0.375 * curve.getControlY1() + 0.375 * curve.getControlY2() + 0.125 * curve.getEndY();
        rate.relocate(mx - rate.getWidth() / 2, my - rate.getHeight() - 2);
    }

    /** The point of the drawn curve at {@code t} (0 = the output port, 1 = the arrow), in the canvas's world coordinates. */
    public javafx.geometry.Point2D pointAt(double t) {
        double u = 1 - t;
        double x = u * u * u * curve.getStartX() + 3 * u * u * t * curve.getControlX1() + 3 * u * t * t * curve.getControlX2()
                + t * t * t * curve.getEndX();
        double y = u * u * u * curve.getStartY() + 3 * u * u * t * curve.getControlY1() + 3 * u * t * t * curve.getControlY2()
                + t * t * t * curve.getEndY();
        return new javafx.geometry.Point2D(x, y);
    }

    /** Routes the edge from (x1, y1) to the arrow tip at (x2, y2). */
    public void route(double x1, double y1, double x2, double y2) {
        shape(curve, x1, y1, x2 - ARROW + 1, y2);
        shape(hit, x1, y1, x2 - ARROW + 1, y2);
        arrow.getPoints().setAll(x2, y2, x2 - ARROW, y2 - ARROW / 2 - 0.5, x2 - ARROW, y2 + ARROW / 2 + 0.5);
        if (rate.isVisible()) {
            placeRate();
        }
    }

    static void shape(CubicCurve c, double x1, double y1, double x2, double y2) {
        double dx = Math.abs(x2 - x1);
        double pull = x2 >= x1 ? Math.max(30, dx / 2) : Math.max(80, dx / 2 + Math.abs(y2 - y1) / 4);
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(x1 + pull);
        c.setControlY1(y1);
        c.setControlX2(x2 - pull);
        c.setControlY2(y2);
        c.setEndX(x2);
        c.setEndY(y2);
    }
}
