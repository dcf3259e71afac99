package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.engine.job.EdgeSpec;
import java.util.Optional;

/**
 * Where the designer draws what the slow motion decorates, in the canvas's world coordinates: the
 * {@link BarrierScene} places its figures from this, so it needs no JavaFX and tests can hand it a layout of
 * their own.
 */
public interface SceneLayout {

    /** A point in the canvas's world coordinates. */
    record Point(double x, double y) {
    }

    /** The top-left corner of an operator's node, if it is drawn. */
    Optional<Point> nodeAt(String operatorId);

    double nodeWidth();

    double nodeHeight();

    /** Whether the connection is drawn. */
    boolean drawn(EdgeSpec edge);

    /** The point of a drawn connection at {@code t} (0: the output port, 1: the arrow). */
    Point pointOn(EdgeSpec edge, double t);

    /** Where the checkpoint coordinator's box goes: the visible canvas's top-right corner. */
    Point coordinatorCorner();

    /** The canvas's zoom: the coordinator's box keeps its size on screen by scaling with its inverse. */
    double zoom();
}
