package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "Will this restore?": compares a job with a checkpoint or savepoint before anything runs and says, per
 * operator, whether its state is restored, it starts empty (new), the snapshot has state no operator
 * takes (dropped; an error unless non-restored state is allowed), or the state no longer fits
 * (incompatible: another operator type, key type or kept fields under the same id).
 */
public final class RestoreCheck {
    private RestoreCheck() {
    }

    public enum Kind { RESTORED, NEW, STATELESS, DROPPED, INCOMPATIBLE }

    /** The verdict for one operator id. */
    public record Verdict(String operatorId, Kind kind, String detail) {
        @Override
        public String toString() {
            return operatorId + ": " + kind.name().toLowerCase() + (detail.isEmpty() ? "" : " — " + detail);
        }
    }

    /** All verdicts and whether the restore may go ahead. */
    public record Report(List<Verdict> verdicts, boolean allowNonRestoredState) {
        public boolean canRestore() {
            return verdicts.stream().noneMatch(v -> v.kind() == Kind.INCOMPATIBLE
                    || (v.kind() == Kind.DROPPED && !allowNonRestoredState));
        }

        /** Why not, in one message that lists every blocking operator and says what to do. */
        public String problem() {
            List<String> lines = new ArrayList<>();
            for (Verdict v : verdicts) {
                if (v.kind() == Kind.INCOMPATIBLE) {
                    lines.add(v.toString());
                } else if (v.kind() == Kind.DROPPED && !allowNonRestoredState) {
                    lines.add(v + " (allow it with --allow-non-restored-state or execution.state-recovery.ignore-unclaimed-state: true)");
                }
            }
            return "the snapshot cannot be restored into this job:\n  " + String.join("\n  ", lines);
        }
    }

    public static Report check(ValidatedJob job, SnapshotRestore snapshot, boolean allowNonRestoredState) {
        CheckpointMetadata md = snapshot.metadata();
        List<Verdict> verdicts = new ArrayList<>();
        Set<String> inJob = new HashSet<>();
        for (ValidatedOperator op : job.operators()) {
            if (op.isKeyBy()) {
                continue;
            }
            inJob.add(op.id());
            TaskStateHandle task = taskOf(md, op.id());
            boolean hasState = task != null && hasState(task, op.id());
            if (task == null || !hasState) {
                verdicts.add(new Verdict(op.id(), op.descriptor().stateful() ? Kind.NEW : Kind.STATELESS,
                        op.descriptor().stateful() ? "no state in the snapshot; starts empty" : ""));
                continue;
            }
            String oldType = task.typeOf(op.id());
            String oldSignature = task.signatureOf(op.id());
            String newSignature = StateSignatures.of(op);
            if (oldType != null && !oldType.equals(op.descriptor().type())) {
                verdicts.add(new Verdict(op.id(), Kind.INCOMPATIBLE, "was a " + oldType + ", is now a " + op.descriptor().type()
                        + "; give the new operator another id or restore without its state"));
            } else if (oldSignature != null && !oldSignature.equals(newSignature)) {
                verdicts.add(new Verdict(op.id(), Kind.INCOMPATIBLE, "state was '" + oldSignature + "', the job now needs '" + newSignature + "'"));
            } else if (op.descriptor().keyed() && md.maxParallelism() != job.config().get(io.checkpointstudio.engine.config.ConfigOptions.MAX_PARALLELISM)) {
                verdicts.add(new Verdict(op.id(), Kind.INCOMPATIBLE, "pipeline.max-parallelism was " + md.maxParallelism()
                        + " and is now " + job.config().get(io.checkpointstudio.engine.config.ConfigOptions.MAX_PARALLELISM)
                        + "; keyed state cannot change its number of key groups"));
            } else if (hasInFlight(task) && task.parallelism() != op.parallelism()) {
                verdicts.add(new Verdict(op.id(), Kind.INCOMPATIBLE, "this unaligned checkpoint holds in-flight data at parallelism "
                        + task.parallelism() + "; restore at that parallelism or from an aligned checkpoint or savepoint"));
            } else {
                verdicts.add(new Verdict(op.id(), Kind.RESTORED, task.parallelism() == op.parallelism() ? ""
                        : "rescaled from " + task.parallelism() + " to " + op.parallelism() + " subtasks"));
            }
        }
        for (TaskStateHandle t : md.tasks()) {
            for (String id : t.operatorIds()) {
                if (!inJob.contains(id) && hasState(t, id)) {
                    verdicts.add(new Verdict(id, Kind.DROPPED, "the snapshot has state of " + (t.typeOf(id) == null ? "an operator" : "a " + t.typeOf(id))
                            + " '" + id + "' that no operator of the job takes"));
                }
            }
        }
        return new Report(List.copyOf(verdicts), allowNonRestoredState);
    }

    private static TaskStateHandle taskOf(CheckpointMetadata md, String operatorId) {
        return md.tasks().stream().filter(t -> t.operatorIds().contains(operatorId)).findFirst().orElse(null);
    }

    private static boolean hasState(TaskStateHandle t, String operatorId) {
        for (SubtaskStateHandle s : t.subtasks()) {
            for (OperatorStateHandle o : s.operators()) {
                if (o.operatorId().equals(operatorId) && (!o.listState().isEmpty() || o.keyed() != null || o.incremental() != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasInFlight(TaskStateHandle t) {
        return t.subtasks().stream().anyMatch(s -> s.inFlight() != null);
    }
}
