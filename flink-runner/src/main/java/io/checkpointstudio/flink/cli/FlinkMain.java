package io.checkpointstudio.flink.cli;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ProgressLines;
import io.checkpointstudio.engine.services.ServiceException;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServiceState;
import io.checkpointstudio.flink.cluster.ClusterSubmit;
import io.checkpointstudio.flink.connectors.postgres.XaPrecheck;
import io.checkpointstudio.flink.export.MavenProjectExport;
import io.checkpointstudio.flink.run.FlinkRunResult;
import io.checkpointstudio.flink.run.LocalFlinkRun;
import io.checkpointstudio.flink.translate.FlinkTranslationException;
import io.checkpointstudio.flink.translate.FlinkTranslator;
import io.checkpointstudio.flink.translate.operators.OperatorTranslations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./checkpoint-studio flink run|export JOB.json}: the same job document on Apache Flink. */
@Command(name = "flink", mixinStandardHelpOptions = true,
        description = "Runs a job document on Apache Flink (a MiniCluster in this process, or a running cluster with --cluster URL)"
                + " or exports it as a standalone Flink project.",
        subcommands = {FlinkMain.Run.class, FlinkMain.Export.class})
public final class FlinkMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command with its output and error text going to {@code out} and {@code err}; the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new FlinkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return FAILED;
        });
        return cli.execute(args);
    }

    /** Reads and validates a job document, applying --set overrides; null (with the problems printed) when it has errors. */
    static ValidatedJob load(Path file, Map<String, String> overrides, PrintWriter err) {
        JobDocuments.ReadResult read = JobDocuments.read(file);
        read.problems().forEach(p -> err.println(p));
        if (read.document().isEmpty() || read.hasErrors()) {
            return null;
        }
        JobDocument doc = read.document().get();
        for (var e : overrides.entrySet()) {
            doc = doc.withConfigValue(e.getKey(), e.getValue());
        }
        JobValidator.Result result = JobValidator.standard().validate(doc);
        result.problems().stream().filter(Problem::isError).forEach(p -> err.println(p));
        return result.job().orElse(null);
    }

    /**
     * The job with its {@code local} addresses resolved as the engine resolves them (the local services are started
     * when needed, with progress lines on {@code err}); null, with the reason printed, when a service cannot start.
     * {@code remote}: the job goes to a cluster or a project, which must reach these addresses (a warning says so).
     */
    static ValidatedJob resolveLocal(ValidatedJob job, boolean remote, PrintWriter err) {
        Set<ServiceKind> needed = LocalAddresses.needed(job);
        if (needed.isEmpty()) {
            return job;
        }
        LocalServices services = LocalServices.shared();
        try (AutoCloseable progress = ProgressLines.print(services, err)) {
            ValidatedJob resolved = LocalAddresses.resolve(job, services);
            for (ServiceKind k : needed) {
                if (services.lastKnown(k) instanceof ServiceState.Running r) {
                    err.println((remote ? "warning: " : "") + "\"local\" " + k.displayName() + " is " + r.address() + " on this machine"
                            + (remote ? "; a Flink cluster on other machines cannot reach the local services of this one: give the job"
                            + " the address of a " + k.displayName() + " the cluster reaches" : ""));
                }
            }
            return resolved;
        } catch (ServiceException e) {
            err.println("error: cannot start the local services the job uses (\"local\"):");
            err.println(e.failure().describe());
            return null;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs the job on a local Flink MiniCluster in this process, with the job's config as Flink configuration,",
                "until its input ends; prints what its checksum and collect sinks got."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB.json", description = "The job document to run.")
        Path job;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a configuration key for this run (repeatable).")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--cluster", paramLabel = "URL", description = {"Submits the job to a running Flink cluster over its REST API",
            "(e.g. http://localhost:8081: jar upload, then run with the job's config) instead of a local MiniCluster."})
        String cluster;

        @Option(names = "--rest-port", paramLabel = "PORT", description = {"Without --cluster: the port of the local cluster's REST API, for the"
                + " studio's File > Attach to Flink Job... (default 8081, or a free port when 8081 is taken)."})
        Integer restPort;

        @Option(names = "--jar", paramLabel = "JAR", description = "With --cluster: the job jar to upload (default: flink-runner-job.jar next to"
                + " this runner's jar, built by mvn package).")
        Path jar;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ValidatedJob validated = load(job, overrides, err);
            if (validated == null) {
                return INVALID;
            }
            validated = resolveLocal(validated, cluster != null, err);
            if (validated == null) {
                return FAILED;
            }
            try {
                FlinkTranslator.checkSupported(validated);
            } catch (FlinkTranslationException e) {
                err.println("error: " + e.getMessage());
                return INVALID;
            }
            XaPrecheck.Result servers = XaPrecheck.check(validated);
            servers.warnings().forEach(w -> err.println("warning: " + w));
            servers.errors().forEach(e -> err.println("error: " + e));
            if (!servers.errors().isEmpty()) {
                return INVALID;
            }
            if (cluster != null) {
                return submit(validated, out, err);
            }
            int port = LocalRestPort.choose(restPort);
            err.println("running '" + validated.document().name() + "' on a local Flink MiniCluster; its REST API is at http://127.0.0.1:"
                    + port + " (watch it in the app with File > Attach to Flink Job...) ...");
            err.flush();
            FlinkRunResult result = LocalFlinkRun.run(validated, LocalRestPort.configuration(port));
            out.println("job " + validated.document().name() + " (Flink job " + result.jobId() + ") FINISHED in "
                    + result.netRuntimeMillis() + " ms");
            for (var op : validated.operators()) {
                OperatorTranslations.standard().find(op.descriptor().type()).flatMap(t -> t.report(op, result))
                        .ifPresent(report -> out.println("  " + op.id() + ": " + report));
            }
            return OK;
        }

        private int submit(ValidatedJob validated, PrintWriter out, PrintWriter err) throws java.io.IOException {
            ClusterSubmit target;
            try {
                target = new ClusterSubmit(cluster);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return INVALID;
            }
            Path jobJar = jar != null ? jar : defaultJobJar();
            if (jobJar == null || !java.nio.file.Files.isRegularFile(jobJar)) {
                err.println("error: no job jar " + (jobJar == null ? "found" : "at " + jobJar)
                        + "; build it with: mvn -q -DskipTests package -pl flink-runner -am (or pass --jar)");
                return FAILED;
            }
            err.println("submitting '" + validated.document().name() + "' to " + cluster + " (uploading " + jobJar.getFileName() + ") ...");
            err.flush();
            ClusterSubmit.Submitted s = target.submit(jobJar, validated);
            out.println("job " + validated.document().name() + " submitted to " + cluster + " as Flink job " + s.jobId() + " (jar " + s.jarId()
                    + "); watch it in the app with File > Attach to Flink Job...");
            return OK;
        }

        /** flink-runner-job.jar next to the jar (or classes folder) this class was loaded from. */
        private static Path defaultJobJar() {
            try {
                Path self = Path.of(FlinkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return self.getParent().resolve("flink-runner-job.jar");
            } catch (Exception e) {
                return null;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes a standalone Maven project that runs the job on Flink without Checkpoint Studio:",
                "pom.xml, readable DataStream code in src/main/java/.../Main.java and config.yaml from the job's config."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "JOB.json", description = "The job document to export.")
        Path job;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write the project into.")
        Path out;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            ValidatedJob validated = load(job, Map.of(), err);
            if (validated == null) {
                return INVALID;
            }
            validated = resolveLocal(validated, true, err);
            if (validated == null) {
                return FAILED;
            }
            try {
                MavenProjectExport.write(validated, out);
            } catch (FlinkTranslationException e) {
                err.println("error: " + e.getMessage());
                return INVALID;
            }
            spec.commandLine().getOut().println("wrote a Flink project to " + out + "; build it with: cd " + out + " && mvn package");
            return OK;
        }
    }
}
