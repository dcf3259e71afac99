package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SchemaContext;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input schema of every operator it can work out, also while the job has errors elsewhere, so the
 * property panel can offer field names (the validator only returns schemas for a valid job). Derives
 * schemas in edge order with the operators' own schema derivers and ignores their problems.
 */
public final class SchemaInference {
    private final OperatorRegistry registry;
    private final ExpressionCompiler compiler;

    public SchemaInference(OperatorRegistry registry, ExpressionCompiler compiler) {
        this.registry = registry;
        this.compiler = compiler;
    }

    /** Operator id to input schema, for operators whose input is known. */
    public Map<String, Schema> inputSchemas(JobDocument doc) {
        Map<String, Schema> outputs = new HashMap<>();
        Map<String, Schema> inputs = new HashMap<>();
        Map<String, String> keyFields = new HashMap<>();
        List<OperatorSpec> pending = new ArrayList<>(doc.operators());
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                OperatorSpec op = it.next();
                Optional<OperatorDescriptor> d = registry.find(op.type());
                List<String> ups = doc.edges().stream().filter(e -> e.to().equals(op.id())).map(EdgeSpec::from).toList();
                if (d.isEmpty() || (!ups.isEmpty() && !ups.stream().allMatch(outputs::containsKey))
                        || (ups.isEmpty() && !d.get().isSource())) {
                    if (d.isEmpty() || ups.stream().anyMatch(u -> doc.indexOf(u) < 0) || (ups.isEmpty() && !d.get().isSource())) {
                        it.remove();
                    }
                    continue;
                }
                Schema input = ups.isEmpty() ? Schema.EMPTY : outputs.get(ups.get(0));
                String keyField = ups.isEmpty() ? null : keyFields.get(ups.get(0));
                if (d.get().onlyRepartitions() && op.params().get(d.get().partitionKeyParam()) instanceof String k) {
                    keyField = k;
                }
                inputs.put(op.id(), input);
                Schema out = null;
                try {
                    SchemaContext ctx = new SchemaContext(input, new Params(d.get(), op.params()), keyField, compiler,
                            "operators", p -> { });
                    out = d.get().schemaDeriver().derive(ctx);
                } catch (RuntimeException ignored) {
                    // A parameter the deriver cannot read: downstream stays unknown.
                }
                outputs.put(op.id(), out == null ? Schema.EMPTY : out);
                if (keyField != null) {
                    keyFields.put(op.id(), keyField);
                }
                it.remove();
                progress = true;
            }
        }
        return inputs;
    }
}
