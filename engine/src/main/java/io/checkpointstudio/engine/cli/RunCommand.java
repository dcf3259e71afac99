package io.checkpointstudio.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.rest.RestServer;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ProgressLines;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServiceState;
import io.checkpointstudio.engine.services.ServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a job headless on the embedded engine until its input ends (or Ctrl-C for unbounded jobs).",
            "Shows a progress line on stderr; --json prints one summary line on stdout at the end."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "The job document to run.")
    Path job;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides a configuration key for this run, e.g. --set parallelism.default=4 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print a one-line JSON summary on stdout when the job ends.")
    boolean json;

    @Option(names = "--from", paramLabel = "PATH",
            description = "Resume from a checkpoint (chk-N folder), a job's checkpoint folder (its newest checkpoint whose files all verify) or a "
                    + "savepoint; a damaged chk-N folder or savepoint is refused with the bad file named.")
    Path from;

    @Option(names = "--allow-non-restored-state",
            description = "With --from: accept state in the snapshot that no operator of the job takes (it is dropped).")
    boolean allowNonRestored;

    @Option(names = "--fail", paramLabel = "OPERATOR[/SUBTASK]@RECORDS",
            description = "Inject a failure, once: the operator's subtask (all subtasks if none is given; counted from 0) throws right "
                    + "after its N-th record, or at a time after the start (repeatable). Examples: --fail per-user/0@500000, --fail per-user@5s")
    List<String> failures = new ArrayList<>();

    @Option(names = "--fail-checkpoint", paramLabel = "N",
            description = "Make the asynchronous write of the next N checkpoints fail (the job keeps running unless "
                    + "execution.checkpointing.tolerable-failed-checkpoints is exceeded).")
    int failCheckpoints;

    @Option(names = "--slow", paramLabel = "OPERATOR=MICROS",
            description = "Slow an operator down by this many microseconds per record, to create back-pressure (repeatable).")
    Map<String, Long> slow = new LinkedHashMap<>();

    @Option(names = "--rest-port", paramLabel = "PORT",
            description = "Serve Flink's REST API for this job on 127.0.0.1:PORT (0 picks a free port), e.g. /jobs/<id>/checkpoints.")
    Integer restPort;

    @Option(names = {"-q", "--quiet"}, description = "Do not print checkpoint, failure and restart events on stderr.")
    boolean quiet;

    @Option(names = "--plan", description = "Print the physical plan (tasks, chaining, partitioning) on stderr before running.")
    boolean plan;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (allowNonRestored) {
            overrides.put("execution.state-recovery.ignore-unclaimed-state", "true");
        }
        JobFiles.Loaded loaded = JobFiles.load(job, overrides);
        if (!loaded.ok()) {
            JobFiles.print(loaded.problems(), err);
            err.println(job + ": not run; fix the problems above (./checkpoint-studio validate " + job + " checks again)");
            err.flush();
            return ExitCodes.INVALID;
        }
        JobFiles.print(loaded.problems(), err);
        var job = loaded.validation().job().orElseThrow();
        FaultInjector faults = new FaultInjector();
        List<FaultSpec> timedFailures = new ArrayList<>();
        for (String f : failures) {
            FaultSpec spec = FaultSpec.parse(f);
            if (job.operator(spec.operatorId()).isEmpty()) {
                err.println("--fail " + f + ": the job has no operator '" + spec.operatorId() + "'"
                        + io.checkpointstudio.engine.job.Suggestions.didYouMean(spec.operatorId(),
                        job.operators().stream().map(o -> o.id()).toList()));
                err.flush();
                return ExitCodes.INVALID;
            }
            if (spec.after() == null) {
                faults.failAfterRecords(spec.operatorId(), spec.subtask(), spec.records());
            } else {
                timedFailures.add(spec);
            }
        }
        for (int i = 0; i < failCheckpoints; i++) {
            faults.failNextCheckpoint();
        }
        for (Map.Entry<String, Long> e : slow.entrySet()) {
            if (job.operator(e.getKey()).isEmpty()) {
                err.println("--slow " + e.getKey() + ": the job has no operator '" + e.getKey() + "'");
                err.flush();
                return ExitCodes.INVALID;
            }
            faults.slow(e.getKey(), e.getValue());
        }
        SnapshotRestore restore = null;
        if (from == null && job.config().isSet(io.checkpointstudio.engine.config.ConfigOptions.STATE_RECOVERY_PATH)) {
            from = io.checkpointstudio.engine.checkpoint.CheckpointSettings.toPath(job.config().get(io.checkpointstudio.engine.config.ConfigOptions.STATE_RECOVERY_PATH));
        }
        if (from != null) {
            try {
                restore = SnapshotPaths.open(from, w -> {
                    err.println("warning: " + w);
                    err.flush();
                });
            } catch (java.io.IOException e) {
                err.println("--from: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID;
            }
            err.println("resuming from " + restore.dir());
        }
        JobExecution execution;
        try (AutoCloseable services = ProgressLines.print(LocalServices.shared(), err)) {
            execution = JobExecution.startFrom(job, RunOptions.defaults(), faults, restore);
        } catch (ServiceException e) {
            err.println(job.document().name() + ": cannot start the local services it uses (\"local\"):");
            err.println(e.failure().describe());
            err.flush();
            return ExitCodes.FAILED;
        } catch (java.io.IOException | IllegalArgumentException e) {
            err.println(job.document().name() + ": cannot start: " + e.getMessage());
            if (restore != null && e instanceof IllegalArgumentException) {
                err.println("(./checkpoint-studio check-restore " + this.job + " " + restore.dir() + " shows every operator's verdict)");
            }
            err.flush();
            return ExitCodes.INVALID;
        }
        for (ServiceKind k : LocalAddresses.needed(job)) {
            if (LocalServices.shared().lastKnown(k) instanceof ServiceState.Running r) {
                err.println("local " + k.displayName() + ": " + r.address());
            }
        }
        for (FaultSpec spec : timedFailures) {
            Thread timer = new Thread(() -> {
                try {
                    Thread.sleep(spec.after().toMillis());
                    faults.failNow(spec.operatorId(), spec.subtask());
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "fail " + spec.operatorId());
            timer.setDaemon(true);
            timer.start();
        }
        if (plan) {
            err.print(execution.plan().describe());
            err.flush();
        }
        execution.events().subscribe(e -> {
            String line = quiet ? null : EventLines.describe(e);
            if (line != null) {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            }
        });
        RestServer rest = null;
        if (restPort != null) {
            try {
                rest = RestServer.start(restPort);
            } catch (java.io.IOException e) {
                execution.cancel();
                err.println("--rest-port: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID;
            }
            rest.register(execution);
            err.println("REST API: http://127.0.0.1:" + rest.port() + "/jobs/" + execution.jobId() + "/checkpoints");
            err.flush();
        }
        Thread hook = new Thread(execution::cancel, "cancel on Ctrl-C");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressLine progress = new ProgressLine(execution, err);
        progress.start();
        JobResult result = execution.await();
        progress.stop();
        if (rest != null) {
            rest.awaitUnreportedResults(java.time.Duration.ofSeconds(10));
            rest.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already exiting; the hook cancelled the job.
        }
        err.println(summaryLine(result));
        if (result.failure() != null) {
            err.println("what to do: read the error above; fix the job or its input, then run again");
        }
        err.flush();
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(RunSummary.of(result)));
            spec.commandLine().getOut().flush();
        }
        return result.status() == JobStatus.FINISHED ? ExitCodes.OK
                : result.status() == JobStatus.CANCELED ? ExitCodes.CANCELLED : ExitCodes.FAILED;
    }

    private static String summaryLine(JobResult r) {
        String s = r.jobName() + ": " + r.status() + " in " + r.durationMillis() + " ms";
        if (r.failure() != null) {
            s += " — " + r.failure().getClass().getSimpleName() + ": " + r.failure().getMessage();
        }
        return s;
    }
}
