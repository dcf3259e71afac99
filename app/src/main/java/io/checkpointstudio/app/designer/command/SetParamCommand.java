package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.Objects;

/** Sets (or, with null, removes) one parameter of an operator; does nothing when the value is unchanged. */
public final class SetParamCommand extends DocumentCommand {
    private final String operatorId;
    private final String param;
    private final Object value;

    public SetParamCommand(String operatorId, String param, Object value) {
        this.operatorId = operatorId;
        this.param = param;
        this.value = value;
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        return doc.operator(operatorId)
                .filter(op -> !Objects.equals(op.params().get(param), value))
                .map(op -> doc.withOperator(op.withParam(param, value)))
                .orElse(doc);
    }

    @Override
    public String description() {
        return "Set " + operatorId + "." + param;
    }
}
