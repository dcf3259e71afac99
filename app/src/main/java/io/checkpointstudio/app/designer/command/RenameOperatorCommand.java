package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Changes an operator's id and every edge and layout entry that names it. */
public final class RenameOperatorCommand extends DocumentCommand {
    private final String oldId;
    private final String newId;

    public RenameOperatorCommand(String oldId, String newId) {
        this.oldId = oldId;
        this.newId = newId;
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        if (newId.isBlank() || oldId.equals(newId) || doc.indexOf(newId) >= 0 || doc.indexOf(oldId) < 0) {
            return doc;
        }
        Map<String, NodePosition> layout = new LinkedHashMap<>();
        doc.layout().forEach((k, v) -> layout.put(k.equals(oldId) ? newId : k, v));
        return doc.withOperators(doc.operators().stream()
                        .map(o -> o.id().equals(oldId) ? new OperatorSpec(newId, o.type(), o.name(), o.parallelism(), o.params()) : o)
                        .toList())
                .withEdges(doc.edges().stream()
                        .map(e -> new EdgeSpec(e.from().equals(oldId) ? newId : e.from(), e.to().equals(oldId) ? newId : e.to()))
                        .toList())
                .withLayout(layout);
    }

    @Override
    public String description() {
        return "Rename " + oldId + " to " + newId;
    }
}
