package io.checkpointstudio.app.shell;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * A small picture of a job's graph drawn from its own operators, edges and layout: one box per operator in
 * its category's colour, one line per edge, scaled to fit. Operators without a position are placed in a row.
 */
final class JobThumbnail {
    private static final double NODE_W = 18;
    private static final double NODE_H = 8;

    private JobThumbnail() {
    }

    static Pane of(JobDocument doc, double width, double height) {
        Pane pane = new Pane();
        pane.getStyleClass().add("cs-thumbnail");
        pane.setMinSize(width, height);
        pane.setPrefSize(width, height);
        pane.setMaxSize(width, height);
        Map<String, double[]> at = new HashMap<>();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        int i = 0;
        for (OperatorSpec op : doc.operators()) {
            NodePosition p = doc.layout().get(op.id());
            double x = p == null ? i * 180 : p.x();
            double y = p == null ? 0 : p.y();
            at.put(op.id(), new double[] {x, y});
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
            i++;
        }
        if (at.isEmpty()) {
            return pane;
        }
        double pad = 6;
        double spanX = Math.max(1, maxX - minX);
        double spanY = Math.max(1, maxY - minY);
        double scale = Math.min((width - 2 * pad - NODE_W) / spanX, (height - 2 * pad - NODE_H) / spanY);
        double offX = pad + (width - 2 * pad - NODE_W - spanX * scale) / 2;
        double offY = pad + (height - 2 * pad - NODE_H - spanY * scale) / 2;
        Map<String, double[]> placed = new HashMap<>();
        at.forEach((id, xy) -> placed.put(id, new double[] {offX + (xy[0] - at.values().stream().mapToDouble(v -> v[0]).min().orElse(0)) * scale,
                offY + (xy[1] - at.values().stream().mapToDouble(v -> v[1]).min().orElse(0)) * scale}));
        for (EdgeSpec e : doc.edges()) {
            double[] a = placed.get(e.from());
            double[] b = placed.get(e.to());
            if (a != null && b != null) {
                Line line = new Line(a[0] + NODE_W, a[1] + NODE_H / 2, b[0], b[1] + NODE_H / 2);
                line.getStyleClass().add("cs-thumbnail-edge");
                pane.getChildren().add(line);
            }
        }
        for (OperatorSpec op : doc.operators()) {
            double[] xy = placed.get(op.id());
            Region box = new Region();
            box.getStyleClass().addAll("cs-thumbnail-node", "cs-cat-" + OperatorRegistry.standard().find(op.type())
                    .map(d -> d.category().name().toLowerCase()).orElse("unknown"));
            box.resizeRelocate(xy[0], xy[1], NODE_W, NODE_H);
            box.setManaged(false);
            pane.getChildren().add(box);
        }
        return pane;
    }
}
