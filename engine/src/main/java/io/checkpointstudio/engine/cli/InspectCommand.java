package io.checkpointstudio.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.checkpointstudio.engine.checkpoint.CheckpointMetadata;
import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.checkpoint.StateEntries;
import io.checkpointstudio.engine.checkpoint.SubtaskStateHandle;
import io.checkpointstudio.engine.checkpoint.TaskStateHandle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Describes a checkpoint or savepoint: tasks, subtasks, key groups, state per operator, sizes and files.",
            "--operator O --key K prints one key's state; --diff B lists the keys added, changed and removed per operator."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A chk-N folder, a savepoint, or a job's checkpoint folder (its newest valid checkpoint).")
    Path path;

    @Option(names = "--json", description = "Print the metadata as JSON.")
    boolean json;

    @Option(names = "--operator", paramLabel = "ID", description = "The operator whose state to print.")
    String operator;

    @Option(names = "--key", paramLabel = "KEY", description = "With --operator: the key to print (as written, e.g. 42 or alice).")
    String key;

    @Option(names = "--diff", paramLabel = "OTHER", description = "Another checkpoint or savepoint to compare with.")
    Path diff;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SnapshotRestore snapshot;
        try {
            snapshot = SnapshotPaths.open(path, w -> err.println("warning: " + w));
        } catch (java.io.IOException e) {
            err.println(path + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        CheckpointMetadata md = snapshot.metadata();
        if (diff != null) {
            return diff(snapshot, out, err);
        }
        if (operator != null) {
            Map<String, String> entries = StateEntries.read(snapshot, operator);
            if (key == null) {
                entries.forEach((k, v) -> out.println(k + " = " + v));
            } else {
                boolean found = false;
                for (Map.Entry<String, String> e : entries.entrySet()) {
                    if (e.getKey().equals(key) || e.getKey().startsWith(key + " @ ")) {
                        out.println(e.getKey() + " = " + e.getValue());
                        found = true;
                    }
                }
                if (!found) {
                    out.println(key + ": no state (the key never reached " + operator + " before this snapshot)");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(md));
            out.flush();
            return ExitCodes.OK;
        }
        out.println((md.savepoint() ? "savepoint " : "checkpoint ") + md.checkpointId() + " of job '" + md.jobName() + "' (" + md.jobId() + ")");
        out.println("  folder:           " + snapshot.dir());
        out.println("  taken:            " + Instant.ofEpochMilli(md.triggerTimestamp()) + ", completed "
                + (md.completionTimestamp() - md.triggerTimestamp()) + " ms later");
        out.println("  full state size:  " + EventLines.bytes(md.stateSize()));
        out.println("  key groups:       " + md.maxParallelism() + " (pipeline.max-parallelism)");
        for (TaskStateHandle t : md.tasks()) {
            out.println("  task " + t.name() + " (parallelism " + t.parallelism() + ")");
            for (SubtaskStateHandle s : t.subtasks()) {
                for (OperatorStateHandle o : s.operators()) {
                    StringBuilder line = new StringBuilder("    " + o.operatorId() + " " + (s.index() + 1) + "/" + t.parallelism() + ": ");
                    if (!o.listState().isEmpty()) {
                        line.append(o.listState().size()).append(" list entries; ");
                    }
                    if (o.keyed() != null) {
                        long groups = java.util.Arrays.stream(o.keyed().offsets()).filter(x -> x >= 0).count();
                        line.append("key groups ").append(o.keyed().firstKeyGroup()).append("..").append(o.keyed().lastKeyGroup())
                                .append(" (").append(groups).append(" with state) in ").append(o.keyed().file()).append(", ");
                    }
                    line.append(EventLines.bytes(o.bytes()));
                    out.println(line);
                }
                if (s.inFlight() != null) {
                    out.println("    in-flight data " + (s.index() + 1) + "/" + t.parallelism() + ": " + s.inFlight().batches() + " batches, "
                            + EventLines.bytes(s.inFlight().bytes()) + " in " + s.inFlight().file());
                }
            }
            if (t.stateSignatures() != null) {
                for (int i = 0; i < t.operatorIds().size(); i++) {
                    out.println("    state of " + t.operatorIds().get(i) + ": " + t.stateSignatures().get(i));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int diff(SnapshotRestore a, PrintWriter out, PrintWriter err) throws Exception {
        SnapshotRestore b;
        try {
            b = SnapshotPaths.open(diff, w -> err.println("warning: " + w));
        } catch (java.io.IOException e) {
            err.println(diff + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        TreeSet<String> operators = new TreeSet<>();
        for (TaskStateHandle t : a.metadata().tasks()) {
            operators.addAll(t.operatorIds());
        }
        for (TaskStateHandle t : b.metadata().tasks()) {
            operators.addAll(t.operatorIds());
        }
        out.println("from " + a.dir() + " to " + b.dir());
        for (String op : operators) {
            Map<String, String> before = a.hasOperator(op) ? StateEntries.read(a, op) : Map.of();
            Map<String, String> after = b.hasOperator(op) ? StateEntries.read(b, op) : Map.of();
            if (before.isEmpty() && after.isEmpty()) {
                continue;
            }
            int added = 0;
            int changed = 0;
            int removed = 0;
            StringBuilder sample = new StringBuilder();
            for (Map.Entry<String, String> e : after.entrySet()) {
                String old = before.get(e.getKey());
                if (old == null) {
                    added++;
                    if (added + changed <= 5) {
                        sample.append("\n    + ").append(e.getKey()).append(" = ").append(e.getValue());
                    }
                } else if (!old.equals(e.getValue())) {
                    changed++;
                    if (added + changed <= 5) {
                        sample.append("\n    ~ ").append(e.getKey()).append(": ").append(old).append(" -> ").append(e.getValue());
                    }
                }
            }
            for (String k : before.keySet()) {
                if (!after.containsKey(k)) {
                    removed++;
                    if (removed <= 3) {
                        sample.append("\n    - ").append(k);
                    }
                }
            }
            out.println("  " + op + ": " + added + " added, " + changed + " changed, " + removed + " removed" + sample);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
