package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.checkpoint.DamagedSnapshotException;
import io.checkpointstudio.engine.checkpoint.RestoreCheck;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-restore", mixinStandardHelpOptions = true,
        description = {"Will this restore? Compares a job with a checkpoint or savepoint and says per operator: restored, new (starts "
                + "empty), stateless, dropped (state no operator takes) or incompatible. Every file the snapshot names is verified (length "
                + "and checksum) first: a damaged snapshot cannot restore. Exit 0 when the restore can go ahead, 1 when it can only from an "
                + "older checkpoint of the job folder because newer ones are damaged (each is listed with its bad files), 2 when it cannot."})
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
        List<String> skipped = new ArrayList<>();
        SnapshotRestore restore;
        try {
            restore = SnapshotPaths.open(snapshot, skipped::add);
        } catch (DamagedSnapshotException e) {
            out.println(e.snapshot() + " is damaged: its files do not match its _metadata");
            for (DamagedSnapshotException.Damage d : e.damages()) {
                out.println("  " + d);
            }
            out.println("restore: no (restore from another checkpoint or a savepoint; a job's checkpoint folder takes its newest intact one)");
            out.flush();
            return ExitCodes.INVALID;
        } catch (IOException e) {
            skipped.forEach(out::println);
            out.println(skipped.isEmpty() ? "restore: no" : "restore: no (no checkpoint of " + snapshot + " is intact)");
            out.flush();
            err.println(snapshot + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        Path dir = restore.dir();
        skipped.forEach(out::println);
        boolean newerDamaged = newerCompletedCheckpoints(dir);
        var validated = loaded.validation().job().orElseThrow();
        boolean allow = allowNonRestored || validated.config().get(ConfigOptions.IGNORE_UNCLAIMED_STATE);
        RestoreCheck.Report report = RestoreCheck.check(validated, restore, allow);
        out.println((restore.metadata().savepoint() ? "savepoint " : "checkpoint ") + restore.metadata().checkpointId() + " of '"
                + restore.metadata().jobName() + "' at " + dir);
        for (RestoreCheck.Verdict v : report.verdicts()) {
            out.println("  " + v);
        }
        out.println(!report.canRestore() ? "restore: no"
                : !newerDamaged ? "restore: yes"
                : "restore: yes, but only from " + dir.getFileName() + ": the newer checkpoints above are damaged (run --from " + snapshot
                + " takes " + dir.getFileName() + ")");
        out.flush();
        err.flush();
        return !report.canRestore() ? ExitCodes.INVALID : newerDamaged ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Whether the job folder has completed checkpoints (with {@code _metadata}) newer than {@code chosen}: they were damaged. */
    private boolean newerCompletedCheckpoints(Path chosen) throws IOException {
        if (CheckpointStorage.isSnapshot(snapshot) || !Files.isDirectory(snapshot)) {
            return false;
        }
        for (Path chk : CheckpointStorage.checkpointDirs(snapshot)) {
            if (chk.equals(chosen)) {
                return false;
            }
            if (CheckpointStorage.isSnapshot(chk)) {
                return true;
            }
        }
        return false;
    }
}
