package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a fragment (operators, their edges and positions) whose ids are already free in the document:
 * paste and duplicate.
 */
public final class PasteCommand extends DocumentCommand {
    private final JobDocument fragment;
    private final String description;

    public PasteCommand(JobDocument fragment, String description) {
        this.fragment = fragment;
        this.description = description;
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        if (fragment.operators().isEmpty() || fragment.operators().stream().anyMatch(o -> doc.indexOf(o.id()) >= 0)) {
            return doc;
        }
        List<OperatorSpec> ops = new ArrayList<>(doc.operators());
        ops.addAll(fragment.operators());
        List<EdgeSpec> edges = new ArrayList<>(doc.edges());
        edges.addAll(fragment.edges());
        Map<String, NodePosition> layout = new LinkedHashMap<>(doc.layout());
        layout.putAll(fragment.layout());
        return doc.withOperators(ops).withEdges(edges).withLayout(layout);
    }

    @Override
    public String description() {
        return description;
    }
}
