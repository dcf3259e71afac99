package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a connection may be drawn, with a message a person understands; the canvas shows the
 * message while the user drags over a target that refuses.
 */
public final class ConnectionValidator {

    /** The answer for one candidate connection. */
    public record Verdict(boolean allowed, String message) {
        static Verdict ok() {
            return new Verdict(true, "");
        }

        static Verdict no(String message) {
            return new Verdict(false, message);
        }
    }

    private final OperatorRegistry registry;

    public ConnectionValidator(OperatorRegistry registry) {
        this.registry = registry;
    }

    /** Whether a drag may start at this operator's output at all. */
    public Verdict prevalidate(JobDocument doc, String from) {
        Optional<OperatorDescriptor> d = doc.operator(from).flatMap(o -> registry.find(o.type()));
        if (d.isPresent() && !d.get().hasOutput()) {
            return Verdict.no(d.get().displayName() + " is a sink: it has no output");
        }
        return Verdict.ok();
    }

    public Verdict validate(JobDocument doc, String from, String to) {
        Verdict pre = prevalidate(doc, from);
        if (!pre.allowed()) {
            return pre;
        }
        if (from.equals(to)) {
            return Verdict.no("an operator cannot feed itself");
        }
        Optional<OperatorSpec> target = doc.operator(to);
        if (target.isEmpty()) {
            return Verdict.no("no operator '" + to + "'");
        }
        Optional<OperatorDescriptor> td = registry.find(target.get().type());
        if (td.isPresent() && td.get().isSource()) {
            return Verdict.no(td.get().displayName() + " is a source: it has no input");
        }
        if (doc.edges().contains(new EdgeSpec(from, to))) {
            return Verdict.no("already connected");
        }
        long inputs = doc.edges().stream().filter(e -> e.to().equals(to)).count();
        if (td.isPresent() && inputs >= td.get().maxInputs()) {
            return Verdict.no(td.get().displayName() + " takes " + (td.get().maxInputs() == 1 ? "one input" : td.get().maxInputs() + " inputs")
                    + " and already has " + inputs);
        }
        if (reaches(doc, to, from)) {
            return Verdict.no("this would make a cycle: '" + to + "' already feeds '" + from + "'");
        }
        return Verdict.ok();
    }

    private static boolean reaches(JobDocument doc, String start, String goal) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(goal)) {
                return true;
            }
            if (seen.add(id)) {
                doc.edges().stream().filter(e -> e.from().equals(id)).forEach(e -> todo.push(e.to()));
            }
        }
        return false;
    }
}
