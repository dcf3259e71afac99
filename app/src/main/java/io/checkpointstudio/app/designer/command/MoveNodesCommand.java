package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sets the positions of some operators: a drag, a nudge or an auto-layout. */
public final class MoveNodesCommand extends DocumentCommand {
    private final Map<String, NodePosition> positions;
    private final String description;

    public MoveNodesCommand(Map<String, NodePosition> positions, String description) {
        this.positions = Map.copyOf(positions);
        this.description = description;
    }

    public MoveNodesCommand(Map<String, NodePosition> positions) {
        this(positions, positions.size() == 1 ? "Move " + positions.keySet().iterator().next()
                : "Move " + positions.size() + " operators");
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        Map<String, NodePosition> layout = new LinkedHashMap<>(doc.layout());
        positions.forEach((id, p) -> {
            if (doc.indexOf(id) >= 0) {
                layout.put(id, p);
            }
        });
        return layout.equals(doc.layout()) ? doc : doc.withLayout(layout);
    }

    @Override
    public String description() {
        return description;
    }
}
