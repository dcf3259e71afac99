package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds one operator at a position, optionally connected after another one (palette double-click). */
public final class AddOperatorCommand extends DocumentCommand {
    private final OperatorSpec spec;
    private final NodePosition position;
    private final String after;
    private final String label;

    public AddOperatorCommand(OperatorSpec spec, NodePosition position, String after, String label) {
        this.spec = spec;
        this.position = position;
        this.after = after;
        this.label = label;
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        if (doc.indexOf(spec.id()) >= 0) {
            return doc;
        }
        List<OperatorSpec> ops = new ArrayList<>(doc.operators());
        ops.add(spec);
        Map<String, NodePosition> layout = new LinkedHashMap<>(doc.layout());
        layout.put(spec.id(), position);
        List<EdgeSpec> edges = new ArrayList<>(doc.edges());
        if (after != null && doc.indexOf(after) >= 0) {
            edges.add(new EdgeSpec(after, spec.id()));
        }
        return doc.withOperators(ops).withLayout(layout).withEdges(edges);
    }

    @Override
    public String description() {
        return "Add " + label;
    }
}
