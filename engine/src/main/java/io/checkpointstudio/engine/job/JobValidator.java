package io.checkpointstudio.engine.job;

import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.JobConfig;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.ParamChecks;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SchemaContext;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a job document completely and reports every problem at once, each with its JSON path: the
 * configuration, operator ids and types, parameters, edges, ports, cycles, and then, in topological
 * order, each operator's schema (so unknown fields and bad expressions are found before anything runs).
 */
public final class JobValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final OperatorRegistry registry;
    private final ExpressionCompiler compiler;

    public JobValidator(OperatorRegistry registry, ExpressionCompiler compiler) {
        this.registry = registry;
        this.compiler = compiler;
    }

    public static JobValidator standard() {
        return new JobValidator(OperatorRegistry.standard(), new ExpressionCompiler());
    }

    /** The outcome: all problems (errors and warnings) and, when there is no error, the validated job. */
    public record Result(List<Problem> problems, Optional<ValidatedJob> job) {
        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }

        public boolean ok() {
            return job.isPresent();
        }

        public ValidatedJob orThrow() throws JobValidationException {
            if (job.isEmpty()) {
                throw new JobValidationException(problems);
            }
            return job.get();
        }
    }

    public Result validate(JobDocument doc) {
        List<Problem> problems = new ArrayList<>();
        JobConfig config = JobConfig.parse(doc.config(), problems);
        int defaultParallelism = config.get(ConfigOptions.PARALLELISM);
        int maxParallelism = config.get(ConfigOptions.MAX_PARALLELISM);

        // Operators: ids, types, parameters.
        Map<String, Integer> indexById = new HashMap<>();
        Map<String, OperatorDescriptor> descriptors = new LinkedHashMap<>();
        if (doc.operators().isEmpty()) {
            problems.add(Problem.error("operators", "the job has no operators; add a source, some transforms and a sink"));
        }
        for (int i = 0; i < doc.operators().size(); i++) {
            OperatorSpec op = doc.operators().get(i);
            String path = "operators[" + i + "]";
            if (op.id().isBlank()) {
                // Left out of the graph: edges cannot name it.
                problems.add(Problem.error(path + ".id", "is required: a name for the operator, unique in the job, such as \"logged-in\""));
                continue;
            }
            if (!ID.matcher(op.id()).matches()) {
                problems.add(Problem.error(path + ".id", "'" + op.id() + "' is not a valid id: use up to 64 letters, digits, '-', '_' or '.'").forOperator(op.id()));
            }
            Integer earlier = indexById.putIfAbsent(op.id(), i);
            if (earlier != null) {
                problems.add(Problem.error(path + ".id", "duplicate id '" + op.id() + "', also used by operators[" + earlier + "]; ids must be unique (state is matched by id on restore)").forOperator(op.id()));
                continue;
            }
            if (op.type().isBlank()) {
                problems.add(Problem.error(path + ".type", "is required: the kind of operator, one of " + String.join(", ", registry.types())).forOperator(op.id()));
                continue;
            }
            Optional<OperatorDescriptor> d = registry.find(op.type());
            if (d.isEmpty()) {
                problems.add(Problem.error(path + ".type", "unknown operator type '" + op.type() + "'"
                        + Suggestions.didYouMean(op.type(), registry.types()) + "; known types: " + String.join(", ", registry.types())).forOperator(op.id()));
                continue;
            }
            descriptors.put(op.id(), d.get());
            checkParams(op, d.get(), path, problems);
            if (op.parallelism() != null && d.get().keyed() && op.parallelism() > maxParallelism) {
                problems.add(Problem.error(path + ".parallelism", "is " + op.parallelism() + " but pipeline.max-parallelism is " + maxParallelism
                        + "; a keyed operator cannot have more subtasks than key groups").forOperator(op.id()));
            }
        }

        // Edges.
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        for (OperatorSpec op : doc.operators()) {
            inputs.putIfAbsent(op.id(), new ArrayList<>());
            outputs.putIfAbsent(op.id(), new ArrayList<>());
        }
        Set<EdgeSpec> seen = new HashSet<>();
        Map<EdgeSpec, Integer> edgeIndex = new HashMap<>();
        // Operators at the existing end of an edge whose other end does not exist: the user did connect
        // them, to a wrong id, so "not connected" would mislead.
        Set<String> inBrokenEdge = new HashSet<>();
        for (int i = 0; i < doc.edges().size(); i++) {
            EdgeSpec e = doc.edges().get(i);
            String path = "edges[" + i + "]";
            boolean ok = true;
            for (String end : List.of(e.from(), e.to())) {
                if (!indexById.containsKey(end)) {
                    problems.add(Problem.error(path, "refers to operator '" + end + "', which does not exist"
                            + Suggestions.didYouMean(end, indexById.keySet())));
                    ok = false;
                }
            }
            if (!ok) {
                inBrokenEdge.add(e.from());
                inBrokenEdge.add(e.to());
                continue;
            }
            if (e.from().equals(e.to())) {
                problems.add(Problem.error(path, "connects '" + e.from() + "' to itself; a job is a graph without cycles: remove this edge").forOperator(e.from()));
                continue;
            }
            if (!seen.add(e)) {
                problems.add(Problem.error(path, "duplicate edge " + e.from() + " -> " + e.to() + ", also edges[" + edgeIndex.get(e) + "]; remove one"));
                continue;
            }
            edgeIndex.put(e, i);
            outputs.get(e.from()).add(e.to());
            inputs.get(e.to()).add(e.from());
        }

        // Ports.
        for (int i = 0; i < doc.operators().size(); i++) {
            OperatorSpec op = doc.operators().get(i);
            OperatorDescriptor d = descriptors.get(op.id());
            if (d == null || indexById.get(op.id()) != i) {
                continue;
            }
            String path = "operators[" + i + "]";
            int in = inputs.get(op.id()).size();
            int out = outputs.get(op.id()).size();
            if (d.isSource() && in > 0) {
                // The edge is what to change, so the problem points at it.
                for (String upstream : inputs.get(op.id())) {
                    problems.add(Problem.error("edges[" + edgeIndex.get(new EdgeSpec(upstream, op.id())) + "]",
                            "connects '" + upstream + "' to '" + op.id() + "', but '" + op.id() + "' is a source (" + d.displayName()
                                    + ") and takes no input; remove this edge").forOperator(op.id()));
                }
            } else if (!d.isSource() && in < d.minInputs()) {
                if (!inBrokenEdge.contains(op.id())) {
                    problems.add(Problem.error(path, "'" + op.id() + "' has no input; connect an operator to it").forOperator(op.id()));
                }
            } else if (in > d.maxInputs()) {
                problems.add(Problem.error(path, "'" + op.id() + "' takes at most " + d.maxInputs() + " input" + (d.maxInputs() == 1 ? "" : "s")
                        + ", but " + in + " connect to it: " + quoted(inputs.get(op.id()))).forOperator(op.id()));
            }
            if (d.isSink() && out > 0) {
                for (String downstream : outputs.get(op.id())) {
                    problems.add(Problem.error("edges[" + edgeIndex.get(new EdgeSpec(op.id(), downstream)) + "]",
                            "connects '" + op.id() + "' to '" + downstream + "', but '" + op.id() + "' is a sink (" + d.displayName()
                                    + ") and has no output; remove this edge").forOperator(op.id()));
                }
            } else if (!d.isSink() && out == 0 && !inBrokenEdge.contains(op.id())) {
                problems.add(Problem.warning(path, "the output of '" + op.id() + "' is not connected; its records go nowhere").forOperator(op.id()));
            }
        }

        // Cycles and topological order.
        List<String> order = topologicalOrder(indexById.keySet(), inputs, outputs);
        if (order.size() < indexById.size()) {
            List<String> cycle = closedByBackEdge(findCycle(indexById.keySet(), inputs, order), indexById, edgeIndex);
            EdgeSpec closing = new EdgeSpec(cycle.get(cycle.size() - 2), cycle.get(cycle.size() - 1));
            String path = edgeIndex.containsKey(closing) ? "edges[" + edgeIndex.get(closing) + "]" : "edges";
            problems.add(Problem.error(path, "the edges form a cycle: " + String.join(" -> ", cycle)
                    + "; a job is a graph without cycles: remove an edge of the cycle, such as this one"));
        }
        if (doc.operators().stream().noneMatch(o -> descriptors.containsKey(o.id()) && descriptors.get(o.id()).isSource())) {
            if (!doc.operators().isEmpty()) {
                problems.add(Problem.error("operators", "the job has no source; add one from the Sources group"));
            }
        }

        // Schemas, in topological order; an operator whose input failed is skipped to avoid follow-on noise.
        Map<String, Schema> outputSchemas = new HashMap<>();
        Map<String, Schema> inputSchemas = new HashMap<>();
        Map<String, String> keyFields = new HashMap<>();
        Map<String, Set<String>> nullableFields = new HashMap<>();
        boolean structureOk = problems.stream().noneMatch(Problem::isError);
        for (String id : order) {
            OperatorDescriptor d = descriptors.get(id);
            if (d == null) {
                continue;
            }
            int idx = indexById.get(id);
            OperatorSpec op = doc.operators().get(idx);
            String path = "operators[" + idx + "]";
            List<String> ins = inputs.get(id);
            Schema input = Schema.EMPTY;
            // Without an input (already reported) there is no schema to check the parameters against.
            boolean inputsKnown = d.isSource() || !ins.isEmpty();
            for (String upstream : ins) {
                Schema s = outputSchemas.get(upstream);
                if (s == null) {
                    inputsKnown = false;
                } else if (input == Schema.EMPTY) {
                    input = s;
                } else if (!input.equals(s)) {
                    problems.add(Problem.error(path, "'" + id + "' has inputs with different schemas: '" + ins.get(0) + "' gives " + input
                            + " but '" + upstream + "' gives " + s + "; a union needs the same fields in the same order:"
                            + " add a map before one of them").forOperator(id));
                    inputsKnown = false;
                }
            }
            if (!inputsKnown) {
                continue;
            }
            String keyField = null;
            if (d.keyed()) {
                keyField = keyFieldFromUpstream(id, ins, descriptors, doc, indexById);
                if (keyField == null && !ins.isEmpty()) {
                    problems.add(Problem.error(path, "'" + id + "' (" + d.displayName() + ") is keyed: put a key-by directly before it so that records of one key meet in one subtask").forOperator(id));
                    continue;
                }
            }
            Params params = new Params(d, op.params());
            List<Problem> local = new ArrayList<>();
            SchemaContext ctx = new SchemaContext(input, params, keyField, compiler, path + ".params", local::add);
            Schema out = paramsHaveErrors(problems, path, d) ? null : d.schemaDeriver().derive(ctx);
            local.forEach(p -> problems.add(p.forOperator(id)));
            if (out != null && !ctx.failed()) {
                outputSchemas.put(id, out);
                inputSchemas.put(id, input);
                if (keyField != null) {
                    keyFields.put(id, keyField);
                }
                Set<String> nullableInput = new HashSet<>();
                ins.forEach(upstream -> nullableInput.addAll(nullableFields.getOrDefault(upstream, Set.of())));
                if (d.type().equals(KeyByOperator.TYPE)) {
                    warnAboutNullKeys(id, path, params.getString(KeyByOperator.KEY), nullableInput, problems);
                }
                nullableFields.put(id, d.nullableFields().derive(params, nullableInput, out));
            }
        }

        warnAboutSinksBelowTheMode(doc, config, descriptors, indexById, problems);

        if (!structureOk || problems.stream().anyMatch(Problem::isError)) {
            return new Result(problems, Optional.empty());
        }
        List<ValidatedOperator> validated = new ArrayList<>();
        for (String id : order) {
            OperatorSpec op = doc.operators().get(indexById.get(id));
            OperatorDescriptor d = descriptors.get(id);
            int parallelism = op.parallelism() != null ? op.parallelism() : defaultParallelism;
            validated.add(new ValidatedOperator(op, d, new Params(d, op.params()), inputSchemas.get(id), outputSchemas.get(id),
                    keyFields.get(id), parallelism, List.copyOf(inputs.get(id)), List.copyOf(outputs.get(id))));
        }
        List<Problem> warnings = problems.stream().filter(p -> !p.isError()).collect(Collectors.toList());
        return new Result(problems, Optional.of(new ValidatedJob(doc, config, validated, warnings)));
    }

    /** A record with a null key fails the job at the key-by (on Flink too): say so when the key field can be null. */
    private static void warnAboutNullKeys(String id, String path, String key, Set<String> nullableInput, List<Problem> problems) {
        if (key != null && nullableInput.contains(key)) {
            problems.add(Problem.warning(path + ".params." + KeyByOperator.KEY, "field '" + key + "' can be null here (a JSON line without it,"
                    + " or an expression that gives null), and a record with a null key fails the job at this key-by, as on Flink;"
                    + " filter such records out before it (condition: " + key + " != null) or give them a key in a map (coalesce("
                    + key + ", \"none\"))").forOperator(id));
        }
    }

    /**
     * Whether a parameter the operator declares has a bad value, so that its schema cannot be derived. An
     * unknown (say, misspelt) parameter is not read by anything, so it does not stop the checks downstream.
     */
    /** EXACTLY_ONCE checkpoints promise nothing for a sink that writes replayed records again; say so at design time. */
    private static void warnAboutSinksBelowTheMode(JobDocument doc, JobConfig config, Map<String, OperatorDescriptor> descriptors,
                                                   Map<String, Integer> indexById, List<Problem> problems) {
        if (!config.checkpointingEnabled()
                || config.get(ConfigOptions.CHECKPOINTING_MODE) != io.checkpointstudio.engine.config.CheckpointingMode.EXACTLY_ONCE) {
            return;
        }
        for (Map.Entry<String, OperatorDescriptor> e : descriptors.entrySet()) {
            OperatorDescriptor d = e.getValue();
            Object semantic = d.param("semantic").isEmpty() ? null
                    : new Params(d, doc.operators().get(indexById.get(e.getKey())).params()).get("semantic");
            if (d.isSink() && d.exactlyOnceSink() && semantic != null && "AT_LEAST_ONCE".equalsIgnoreCase(semantic.toString())) {
                problems.add(Problem.warning("operators[" + indexById.get(e.getKey()) + "].params.semantic", "the job checkpoints EXACTLY_ONCE"
                        + " but this sink is set to AT_LEAST_ONCE: after a failure it writes the replayed records again").forOperator(e.getKey()));
            } else if (d.isSink() && !d.exactlyOnceSink()) {
                problems.add(Problem.warning("operators[" + indexById.get(e.getKey()) + "]", "'" + e.getKey() + "' (" + d.displayName()
                        + ") cannot give EXACTLY_ONCE: after a failure the records replayed since the last checkpoint reach it again;"
                        + " use a file-sink (or a transactional sink) for exactly-once output").forOperator(e.getKey()));
            }
        }
    }

    private static boolean paramsHaveErrors(List<Problem> problems, String operatorPath, OperatorDescriptor d) {
        String prefix = operatorPath + ".params.";
        return problems.stream().filter(Problem::isError).map(Problem::path).filter(path -> path.startsWith(prefix))
                .map(path -> path.substring(prefix.length()))
                .anyMatch(rest -> d.params().stream().map(ParamDescriptor::name)
                        .anyMatch(name -> rest.equals(name) || rest.startsWith(name + ".") || rest.startsWith(name + "[")));
    }

    private void checkParams(OperatorSpec op, OperatorDescriptor d, String path, List<Problem> problems) {
        for (String key : op.params().keySet()) {
            if (d.param(key).isEmpty()) {
                List<String> names = d.params().stream().map(ParamDescriptor::name).toList();
                problems.add(Problem.error(path + ".params." + key, "unknown parameter of " + d.type()
                        + Suggestions.didYouMean(key, names)
                        + (names.isEmpty() ? "; it takes no parameters" : "; it takes " + String.join(", ", names))).forOperator(op.id()));
            }
        }
        for (ParamDescriptor p : d.params()) {
            for (ParamChecks.Finding f : ParamChecks.check(p, op.params().get(p.name()))) {
                problems.add(Problem.error(path + ".params." + p.name() + f.subPath(), f.message()).forOperator(op.id()));
            }
        }
    }

    private static String keyFieldFromUpstream(String id, List<String> ins, Map<String, OperatorDescriptor> descriptors,
                                               JobDocument doc, Map<String, Integer> indexById) {
        String key = null;
        for (String upstream : ins) {
            OperatorDescriptor d = descriptors.get(upstream);
            if (d == null || !d.type().equals(KeyByOperator.TYPE)) {
                return null;
            }
            Object k = doc.operators().get(indexById.get(upstream)).params().get(KeyByOperator.KEY);
            if (k == null || (key != null && !key.equals(k))) {
                return null;
            }
            key = k.toString();
        }
        return key;
    }

    private static List<String> topologicalOrder(Set<String> ids, Map<String, List<String>> inputs, Map<String, List<String>> outputs) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        for (String id : inputs.keySet()) {
            if (ids.contains(id)) {
                remaining.put(id, inputs.get(id).size());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        remaining.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : outputs.get(id)) {
                if (remaining.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }

    /**
     * A cycle among the operators left out of the topological order, as a path that returns to its start.
     * Every operator left out has an input that was left out too, so walking inputs backwards must repeat.
     */
    private static List<String> findCycle(Set<String> ids, Map<String, List<String>> inputs, List<String> ordered) {
        Set<String> left = new HashSet<>(ids);
        ordered.forEach(left::remove);
        String cur = left.stream().sorted().findFirst().orElseThrow();
        List<String> walk = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        while (!position.containsKey(cur)) {
            position.put(cur, walk.size());
            walk.add(cur);
            cur = inputs.get(cur).stream().filter(left::contains).sorted().findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(walk.subList(position.get(cur), walk.size()));
        cycle.add(cur);
        java.util.Collections.reverse(cycle);
        return cycle;
    }

    /**
     * The same cycle, rotated so that its last hop is the edge most likely added by mistake: one that leads
     * back to an operator listed earlier in the document (the latest such edge), else the latest edge.
     */
    private static List<String> closedByBackEdge(List<String> cycle, Map<String, Integer> indexById, Map<EdgeSpec, Integer> edgeIndex) {
        int hops = cycle.size() - 1;
        int best = -1;
        boolean bestBack = false;
        int bestEdge = -1;
        for (int i = 0; i < hops; i++) {
            EdgeSpec hop = new EdgeSpec(cycle.get(i), cycle.get(i + 1));
            boolean back = indexById.get(hop.from()) > indexById.get(hop.to());
            int edge = edgeIndex.getOrDefault(hop, -1);
            if (best < 0 || (back && !bestBack) || (back == bestBack && edge > bestEdge)) {
                best = i;
                bestBack = back;
                bestEdge = edge;
            }
        }
        List<String> rotated = new ArrayList<>();
        for (int k = 0; k < hops; k++) {
            rotated.add(cycle.get((best + 1 + k) % hops));
        }
        rotated.add(rotated.get(0));
        return rotated;
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }

    /** Whether the type is usable as a key (for key-by). */
    public static boolean isKeyType(FieldType type) {
        return type == FieldType.LONG || type == FieldType.STRING;
    }
}
