package io.checkpointstudio.app.slowmotion;

import java.net.URL;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;

/**
 * Draws a {@link SceneFrame} into a group on the canvas: one small group of shapes per figure, kept from frame
 * to frame by the figure's key. It sets only geometry and text; every colour, stroke and font comes from
 * {@code slow-motion.css} in ui-resources (style classes {@code cs-sm-*} over AtlantaFX's looked-up colours),
 * so the figures follow the light and the dark theme.
 */
final class SlowMotionRenderer {
    static final String STYLESHEET = "/io/checkpointstudio/css/slow-motion.css";
    private static final PseudoClass ALIGNED = PseudoClass.getPseudoClass("aligned");
    private static final PseudoClass UNALIGNED = PseudoClass.getPseudoClass("unaligned");

    private final Group layer;
    private final Map<String, BarrierShape> barriers = new HashMap<>();
    private final Map<String, AlignmentShape> alignments = new HashMap<>();
    private final Map<String, BadgeShape> inFlight = new HashMap<>();
    private final Map<String, BadgeShape> snapshots = new HashMap<>();
    private final Map<String, AckShape> acks = new HashMap<>();
    private final CoordinatorShape coordinator = new CoordinatorShape();

    SlowMotionRenderer(Group layer) {
        this.layer = layer;
        layer.getStyleClass().add("cs-slow-motion");
        addStylesheet(layer);
    }

    /** Adds the slow motion's stylesheet to a view of it (the layer, the settings panel). */
    static void addStylesheet(Parent view) {
        URL url = SlowMotionRenderer.class.getResource(STYLESHEET);
        if (url == null) {
            System.err.println("checkpoint-studio: " + STYLESHEET + " is missing from the class path (ui-resources)");
        } else if (!view.getStylesheets().contains(url.toExternalForm())) {
            view.getStylesheets().add(url.toExternalForm());
        }
    }

    /** Shows what {@code frame} holds, and nothing else. */
    void show(SceneFrame frame) {
        sync(barriers, frame.barriers(), BarrierShape::new, BarrierShape::update);
        sync(alignments, frame.alignments(), AlignmentShape::new, AlignmentShape::update);
        sync(inFlight, frame.inFlight(), () -> new BadgeShape("cs-inflight-badge", true), (s, f) -> s.update(f.text(), f.centreX(), f.y(), true));
        sync(snapshots, frame.snapshots(), () -> new BadgeShape("cs-snapshot-badge", false), (s, f) -> s.update(f.text(), f.x(), f.y(), false));
        sync(acks, frame.acks(), AckShape::new, AckShape::update);
        coordinator.update(frame.coordinator());
    }

    /** Removes every figure. */
    void clear() {
        layer.getChildren().clear();
        barriers.clear();
        alignments.clear();
        inFlight.clear();
        snapshots.clear();
        acks.clear();
    }

    private interface Updater<S, F> {
        void update(S shape, F figure);
    }

    private <S extends Group, F extends SceneFrame.Figure> void sync(Map<String, S> shapes, List<F> figures, Supplier<S> create,
                                                                      Updater<S, F> update) {
        Set<String> live = new HashSet<>();
        for (F f : figures) {
            live.add(f.key());
            S shape = shapes.get(f.key());
            if (shape == null) {
                shape = create.get();
                shapes.put(f.key(), shape);
                layer.getChildren().add(shape);
                shape.applyCss(); // the stylesheet's font, before the first measurement of its text
            }
            update.update(shape, f);
        }
        for (Iterator<Map.Entry<String, S>> it = shapes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, S> e = it.next();
            if (!live.contains(e.getKey())) {
                layer.getChildren().remove(e.getValue());
                it.remove();
            }
        }
    }

    private static Text text(String... styleClasses) {
        Text t = new Text();
        t.getStyleClass().add("cs-sm-text");
        t.getStyleClass().addAll(styleClasses);
        return t;
    }

    /** A barrier: a bar across the edge labelled with its checkpoint id. */
    private static final class BarrierShape extends Group {
        private final Text label = text("cs-sm-strong", "cs-sm-barrier-label");

        BarrierShape() {
            Rectangle bar = new Rectangle(-2.5, -8, 5, 16);
            bar.getStyleClass().add("cs-sm-barrier-bar");
            label.setLayoutX(4);
            label.setLayoutY(-4);
            getChildren().addAll(bar, label);
            getStyleClass().add("cs-barrier-marker");
        }

        void update(SceneFrame.Barrier f) {
            pseudoClassStateChanged(UNALIGNED, f.unaligned());
            label.setText(String.valueOf(f.checkpointId()));
            setLayoutX(f.x());
            setLayoutY(f.y());
        }
    }

    /** A subtask's input side while it aligns: a bar at the node's input and a line of text above it. */
    private static final class AlignmentShape extends Group {
        private final Rectangle bar = new Rectangle(0, 0, 6, 10);
        private final Text line = text("cs-sm-strong", "cs-sm-alignment-text");

        AlignmentShape() {
            bar.getStyleClass().add("cs-sm-alignment-bar");
            getChildren().addAll(bar, line);
            getStyleClass().add("cs-blocked-channel");
        }

        void update(SceneFrame.Alignment f) {
            pseudoClassStateChanged(ALIGNED, !f.blocked());
            bar.setX(f.barX());
            bar.setY(f.barY());
            bar.setHeight(f.barHeight());
            line.setText(f.text());
            line.setX(f.textX());
            line.setY(f.textY());
        }
    }

    /** A label in a rounded box: in-flight data on an edge, snapshots above a task. */
    private static final class BadgeShape extends Group {
        private final Rectangle box = new Rectangle(10, 18);
        private final Text line;

        BadgeShape(String styleClass, boolean strong) {
            line = strong ? text("cs-sm-strong", "cs-sm-badge-text") : text("cs-sm-badge-text");
            box.getStyleClass().add("cs-sm-box");
            line.setLayoutX(5);
            line.setLayoutY(13);
            getChildren().addAll(box, line);
            getStyleClass().add(styleClass);
        }

        /** Places the box's top at y, its left edge at x, or its centre there when {@code centred}. */
        void update(String text, double x, double y, boolean centred) {
            line.setText(text);
            double width = line.getLayoutBounds().getWidth() + 10;
            box.setWidth(width);
            setLayoutX(centred ? x - width / 2 : x);
            setLayoutY(y);
        }
    }

    /** An acknowledgement: a dot labelled with its checkpoint id. */
    private static final class AckShape extends Group {
        private final Text label = text("cs-sm-strong", "cs-sm-ack-label");

        AckShape() {
            Circle dot = new Circle(5);
            dot.getStyleClass().add("cs-sm-ack-dot");
            label.setLayoutX(7);
            label.setLayoutY(4);
            getChildren().addAll(dot, label);
            getStyleClass().add("cs-ack-marker");
        }

        void update(SceneFrame.Ack f) {
            label.setText("ack " + f.checkpointId());
            setLayoutX(f.x());
            setLayoutY(f.y());
        }
    }

    /** The checkpoint coordinator's box in the canvas's corner, the same size on screen at any zoom. */
    private final class CoordinatorShape {
        private final Rectangle box = new Rectangle(220, 18);
        private final Text lines = text("cs-sm-coordinator-text");
        private final Group node;
        private final Scale scale = new Scale(1, 1, 0, 0);

        CoordinatorShape() {
            Text title = text("cs-sm-strong", "cs-sm-coordinator-title");
            title.setText("Checkpoint coordinator");
            title.setLayoutX(8);
            title.setLayoutY(15);
            lines.setLayoutX(8);
            lines.setLayoutY(31);
            box.getStyleClass().addAll("cs-sm-box", "cs-sm-coordinator-box");
            node = new Group(box, title, lines);
            node.setId("slow-motion-coordinator");
            node.getStyleClass().add("cs-sm-coordinator");
            node.getTransforms().add(scale);
        }

        void update(SceneFrame.Coordinator f) {
            if (node.getParent() == null) {
                layer.getChildren().add(node);
                node.applyCss();
            }
            node.toFront();
            lines.setText(f.text());
            box.setHeight(lines.getLayoutBounds().getHeight() + 30);
            node.setLayoutX(f.x());
            node.setLayoutY(f.y());
            scale.setX(f.scale());
            scale.setY(f.scale());
        }
    }
}
