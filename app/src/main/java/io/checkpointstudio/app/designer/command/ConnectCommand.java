package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import java.util.ArrayList;
import java.util.List;

/** Adds an edge from one operator's output to another's input. */
public final class ConnectCommand extends DocumentCommand {
    private final EdgeSpec edge;

    public ConnectCommand(String from, String to) {
        this.edge = new EdgeSpec(from, to);
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        if (doc.edges().contains(edge)) {
            return doc;
        }
        List<EdgeSpec> edges = new ArrayList<>(doc.edges());
        edges.add(edge);
        return doc.withEdges(edges);
    }

    @Override
    public String description() {
        return "Connect " + edge.from() + " to " + edge.to();
    }
}
