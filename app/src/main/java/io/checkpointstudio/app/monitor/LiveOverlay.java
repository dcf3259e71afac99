package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.designer.EdgeView;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.NodeView;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.monitor.SubtaskFigures;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the canvas into the live view of a run: under each node its records per second in and out, busy
 * and back-pressured time, a bar coloured as Flink colours a vertex; on each edge the rate flowing along
 * it. An operator that only repartitions (key-by) has no task of its own, so it and its outgoing edges show
 * what its input sends.
 */
public final class LiveOverlay {
    private final GraphCanvasView canvas;
    private final Supplier<JobDocument> document;
    private final OperatorRegistry registry;

    public LiveOverlay(MonitorModel model, GraphCanvasView canvas, Supplier<JobDocument> document, OperatorRegistry registry) {
        this.canvas = canvas;
        this.document = document;
        this.registry = registry;
        model.snapshotProperty().addListener((obs, old, now) -> show(now));
    }

    private void show(RunSnapshot s) {
        JobDocument doc = document.get();
        if (s == null || doc == null) {
            return;
        }
        boolean live = s.running();
        for (var op : doc.operators()) {
            NodeView node = canvas.nodeView(op.id());
            if (node == null) {
                continue;
            }
            Optional<OperatorFigures> figures = figuresOf(s, doc, op.id());
            if (!live || figures.isEmpty()) {
                node.hideLive();
                continue;
            }
            OperatorFigures f = figures.get();
            boolean virtual = s.metrics().operator(op.id()).isEmpty();
            String text = virtual ? "hash " + LiveFormat.rate(f.recordsOutPerSecond())
                    : "in " + LiveFormat.rate(f.recordsInPerSecond()) + " · out " + LiveFormat.rate(f.recordsOutPerSecond())
                    + (f.maxBackPressuredRatio() > 0.1 ? " · bp " + LiveFormat.percent(f.maxBackPressuredRatio())
                    : " · busy " + LiveFormat.percent(f.maxBusyRatio()));
            node.showLive(text, details(f, virtual, s.operatorTask().get(op.id())), virtual ? 0 : f.maxBusyRatio(),
                    virtual ? 0 : f.maxBackPressuredRatio());
        }
        for (Map.Entry<EdgeSpec, EdgeView> e : canvas.edgeViews().entrySet()) {
            Optional<OperatorFigures> from = live ? figuresOf(s, doc, e.getKey().from()) : Optional.empty();
            e.getValue().showRate(from.map(f -> LiveFormat.rate(f.recordsOutPerSecond())).orElse(null));
        }
    }

    /**
     * The figures of an operator, or for one that only repartitions (key-by, which runs inside the edge) those
     * of the operator feeding it.
     */
    private Optional<OperatorFigures> figuresOf(RunSnapshot s, JobDocument doc, String operatorId) {
        Optional<OperatorFigures> own = s.metrics().operator(operatorId);
        if (own.isPresent()) {
            return own;
        }
        boolean insideEdge = doc.operator(operatorId).flatMap(o -> registry.find(o.type()))
                .map(OperatorDescriptor::onlyRepartitions).orElse(false);
        if (!insideEdge) {
            return Optional.empty();
        }
        return doc.edges().stream().filter(e -> e.to().equals(operatorId)).findFirst()
                .flatMap(e -> figuresOf(s, doc, e.from()));
    }

    private static String details(OperatorFigures f, boolean virtual, String task) {
        if (virtual) {
            return "Partitions by key (hash of the key group) into the next task: " + LiveFormat.rate(f.recordsOutPerSecond());
        }
        StringBuilder b = new StringBuilder("Task: ").append(task == null ? "?" : task)
                .append("\nRecords in ").append(f.recordsIn()).append(", out ").append(f.recordsOut());
        for (SubtaskFigures st : f.subtasks()) {
            b.append("\n#").append(st.subtask()).append(": in ").append(LiveFormat.rate(st.recordsInPerSecond()))
                    .append(", out ").append(LiveFormat.rate(st.recordsOutPerSecond()))
                    .append(", busy ").append(LiveFormat.percent(st.busyRatio()))
                    .append(", back-pressured ").append(LiveFormat.percent(st.backPressuredRatio()))
                    .append(", idle ").append(LiveFormat.percent(st.idleRatio()));
        }
        b.append("\nColour: blue idle → red busy; grey when back-pressured (Flink's thresholds: >10 % low, >50 % high)");
        return b.toString();
    }
}
