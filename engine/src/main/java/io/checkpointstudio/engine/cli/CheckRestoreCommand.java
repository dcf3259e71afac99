package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.config.ConfigOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-restore", mixinStandardHelpOptions = true,
        description = {"Will this restore? Compares a job with a checkpoint or savepoint and says per operator: restored, new (starts "
                + "empty), stateless, dropped (state no operator takes) or incompatible. Exit 0 when the restore can go ahead, 2 when not."})
final class CheckRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json")
    Path job;

    @Parameters(index = "1", paramLabel = "PATH", description = "A chk-N folder, a savepoint, or a job's checkpoint folder (its newest valid checkpoint).")
    Path snapshot;

    @Option(names = "--allow-non-restored-state", description = "Accept snapshot state that no operator of the job takes.")
    boolean allowNonRestored;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobFiles.Loaded loaded = JobFiles.load(job, Map.of());
        if (!loaded.ok()) {
            JobFiles.print(loaded.problems(), err);
            return ExitCodes.INVALID;
        }
        Path dir;
        SnapshotRestore restore;
        try {
            dir = SnapshotPaths.resolve(snapshot, w -> err.println("warning: " + w));
            restore = SnapshotRestore.open(dir);
        } catch (java.io.IOException e) {
            err.println(snapshot + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        var validated = loaded.validation().job().orElseThrow();
        boolean allow = allowNonRestored || validated.config().get(ConfigOptions.IGNORE_UNCLAIMED_STATE);
        RestoreCheck.Report report = RestoreCheck.check(validated, restore, allow);
        out.println((restore.metadata().savepoint() ? "savepoint " : "checkpoint ") + restore.metadata().checkpointId() + " of '"
                + restore.metadata().jobName() + "' at " + dir);
        for (RestoreCheck.Verdict v : report.verdicts()) {
            out.println("  " + v);
        }
        out.println(report.canRestore() ? "restore: yes" : "restore: no");
        out.flush();
        err.flush();
        return report.canRestore() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
