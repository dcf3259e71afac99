package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;

/** Sets an operator's display name and parallelism (null: the job's default). */
public final class SetOperatorCommand extends DocumentCommand {
    private final String operatorId;
    private final String name;
    private final Integer parallelism;
    private final String what;

    private SetOperatorCommand(String operatorId, String name, Integer parallelism, String what) {
        this.operatorId = operatorId;
        this.name = name;
        this.parallelism = parallelism;
        this.what = what;
    }

    public static SetOperatorCommand name(OperatorSpec op, String name) {
        return new SetOperatorCommand(op.id(), name == null || name.isBlank() ? null : name, op.parallelism(), "name");
    }

    public static SetOperatorCommand parallelism(OperatorSpec op, Integer parallelism) {
        return new SetOperatorCommand(op.id(), op.name(), parallelism, "parallelism");
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        return doc.operator(operatorId)
                .map(op -> new OperatorSpec(op.id(), op.type(), name, parallelism, op.params()))
                .filter(op -> !op.equals(doc.operator(operatorId).orElseThrow()))
                .map(doc::withOperator)
                .orElse(doc);
    }

    @Override
    public String description() {
        return "Set " + operatorId + " " + what;
    }
}
