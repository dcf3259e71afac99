package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Deletes operators (with their edges and positions) and edges. */
public final class DeleteCommand extends DocumentCommand {
    private final Set<String> operators;
    private final Set<EdgeSpec> edges;

    public DeleteCommand(Set<String> operators, Set<EdgeSpec> edges) {
        this.operators = Set.copyOf(operators);
        this.edges = Set.copyOf(edges);
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        Map<String, NodePosition> layout = new LinkedHashMap<>(doc.layout());
        layout.keySet().removeAll(operators);
        return doc.withOperators(doc.operators().stream().filter(o -> !operators.contains(o.id())).toList())
                .withEdges(doc.edges().stream()
                        .filter(e -> !edges.contains(e) && !operators.contains(e.from()) && !operators.contains(e.to()))
                        .toList())
                .withLayout(layout);
    }

    @Override
    public String description() {
        int n = operators.size() + edges.size();
        if (operators.size() == 1 && edges.isEmpty()) {
            return "Delete " + operators.iterator().next();
        }
        return "Delete " + n + (edges.isEmpty() ? " operators" : operators.isEmpty() ? " connections" : " items");
    }
}
