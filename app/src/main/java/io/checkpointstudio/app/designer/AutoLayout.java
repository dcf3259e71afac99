package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered left-to-right layout (a small Sugiyama): each operator goes one layer right of its furthest
 * input, operators in a layer are ordered by the mean position of their inputs, and layers are centred
 * on each other. Pure: it returns positions and the caller wraps them in one command.
 */
public final class AutoLayout {
    public static final double LAYER_GAP = 260;
    public static final double ROW_GAP = 120;
    public static final double LEFT = 40;
    public static final double TOP = 40;
    public static final double NODE_WIDTH = 210;
    public static final double NODE_HEIGHT = 62;

    private AutoLayout() {
    }

    /** Whether some operator has no position or two operators overlap (some hand-written files are too tight). */
    public static boolean needsLayout(JobDocument doc) {
        List<NodePosition> ps = new ArrayList<>();
        for (OperatorSpec op : doc.operators()) {
            NodePosition p = doc.layout().get(op.id());
            if (p == null) {
                return true;
            }
            for (NodePosition q : ps) {
                if (Math.abs(p.x() - q.x()) < NODE_WIDTH + 24 && Math.abs(p.y() - q.y()) < NODE_HEIGHT + 10) {
                    return true;
                }
            }
            ps.add(p);
        }
        return false;
    }

    public static Map<String, NodePosition> layout(JobDocument doc) {
        Map<String, Integer> layer = new HashMap<>();
        for (OperatorSpec op : doc.operators()) {
            layer.put(op.id(), 0);
        }
        // Longest path, relaxed |V| times (cycles, which validation reports, cannot loop forever).
        for (int round = 0; round < doc.operators().size(); round++) {
            boolean changed = false;
            for (EdgeSpec e : doc.edges()) {
                Integer from = layer.get(e.from());
                Integer to = layer.get(e.to());
                if (from != null && to != null && to < from + 1 && from + 1 < doc.operators().size()) {
                    layer.put(e.to(), from + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byLayer.add(new ArrayList<>());
        }
        for (OperatorSpec op : doc.operators()) {
            byLayer.get(layer.get(op.id())).add(op.id());
        }
        Map<String, Double> row = new HashMap<>();
        for (List<String> ids : byLayer) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                double fallback = i;
                key.put(id, doc.edges().stream().filter(e -> e.to().equals(id) && row.containsKey(e.from()))
                        .mapToDouble(e -> row.get(e.from())).average().orElse(fallback));
            }
            ids.sort(Comparator.comparingDouble(key::get));
            for (int i = 0; i < ids.size(); i++) {
                row.put(ids.get(i), (double) i);
            }
        }
        int tallest = byLayer.stream().mapToInt(List::size).max().orElse(0);
        Map<String, NodePosition> out = new LinkedHashMap<>();
        for (int l = 0; l < byLayer.size(); l++) {
            List<String> ids = byLayer.get(l);
            double offset = (tallest - ids.size()) * ROW_GAP / 2;
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), new NodePosition(LEFT + l * LAYER_GAP, TOP + offset + i * ROW_GAP));
            }
        }
        return out;
    }
}
