package io.checkpointstudio.engine.services;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.Params;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The address {@code local}: a kafka-source's or kafka-sink's {@code "bootstrapServers": "local"} and a
 * postgres-sink's {@code "url": "local"} mean the studio's local Kafka and PostgreSQL. This is the one place
 * that resolves them, when a job is about to run (the engine's {@code JobExecution.start}, the Flink runner's
 * run and export): the services are started if needed and the running job gets a copy of the job with their
 * addresses. The document the user edits and saves keeps {@code local}.
 */
public final class LocalAddresses {
    /** The word that means "the studio's local service". */
    public static final String LOCAL = "local";

    /** Which parameter of which operator type may say {@code local}, and which service it then means. */
    private record Slot(String operatorType, String param, ServiceKind service) {
    }

    private static final List<Slot> SLOTS = List.of(
            new Slot("kafka-source", "bootstrapServers", ServiceKind.KAFKA),
            new Slot("kafka-sink", "bootstrapServers", ServiceKind.KAFKA),
            new Slot("postgres-sink", "url", ServiceKind.POSTGRES));

    private LocalAddresses() {
    }

    public static boolean isLocal(Object value) {
        return value != null && LOCAL.equalsIgnoreCase(value.toString().trim());
    }

    /** Whether {@code param} of an operator of type {@code operatorType} may be {@code local} (validation accepts it there). */
    public static boolean accepts(String operatorType, String param) {
        return SLOTS.stream().anyMatch(s -> s.operatorType.equals(operatorType) && s.param.equals(param));
    }

    /** The services the job's {@code local} addresses need; empty for a job without any. */
    public static Set<ServiceKind> needed(ValidatedJob job) {
        Set<ServiceKind> kinds = EnumSet.noneOf(ServiceKind.class);
        for (ValidatedOperator op : job.operators()) {
            for (Slot s : SLOTS) {
                if (s.operatorType.equals(op.descriptor().type()) && isLocal(op.params().get(s.param))) {
                    kinds.add(s.service);
                }
            }
        }
        return kinds;
    }

    /**
     * The job with every {@code local} replaced by the address of the running service, which is started first
     * when it is not running (its progress goes to the facade's listeners); the job itself when it says
     * {@code local} nowhere, without touching the services.
     */
    public static ValidatedJob resolve(ValidatedJob job, LocalServices services) throws ServiceException {
        Set<ServiceKind> kinds = needed(job);
        if (kinds.isEmpty()) {
            return job;
        }
        Map<ServiceKind, String> addresses = new EnumMap<>(ServiceKind.class);
        Map<ServiceKind, ServiceState> started = services.start(kinds);
        for (ServiceKind k : kinds) {
            ServiceState s = started.get(k);
            if (s instanceof ServiceState.Failed f) {
                throw new ServiceException(f);
            }
            addresses.put(k, ((ServiceState.Running) s).address());
        }
        return withAddresses(job, addresses);
    }

    /** The job with the {@code local} addresses replaced by {@code addresses} (no service is asked). */
    public static ValidatedJob withAddresses(ValidatedJob job, Map<ServiceKind, String> addresses) {
        JobDocument doc = job.document();
        List<ValidatedOperator> operators = new ArrayList<>();
        for (ValidatedOperator op : job.operators()) {
            Map<String, Object> raw = null;
            OperatorSpec spec = op.spec();
            for (Slot s : SLOTS) {
                if (s.operatorType.equals(op.descriptor().type()) && isLocal(op.params().get(s.param)) && addresses.containsKey(s.service)) {
                    if (raw == null) {
                        raw = new HashMap<>(op.params().raw());
                    }
                    raw.put(s.param, addresses.get(s.service));
                    spec = spec.withParam(s.param, addresses.get(s.service));
                }
            }
            if (raw == null) {
                operators.add(op);
            } else {
                operators.add(new ValidatedOperator(spec, op.descriptor(), new Params(op.descriptor(), raw), op.inputSchema(),
                        op.outputSchema(), op.keyField(), op.parallelism(), op.inputs(), op.outputs()));
                doc = doc.withOperator(spec);
            }
        }
        return new ValidatedJob(doc, job.config(), operators, job.warnings());
    }
}
