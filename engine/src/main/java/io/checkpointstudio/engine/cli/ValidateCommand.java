package io.checkpointstudio.engine.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a job document: configuration keys and values, operators, parameters, edges, schemas and expressions.",
            "Prints one line per problem on stderr as 'path: message'; exit code 0 when valid, 2 when not."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "The job document to check.")
    Path job;

    @Override
    public Integer call() {
        JobFiles.Loaded loaded = JobFiles.load(job, Map.of());
        JobFiles.print(loaded.problems(), spec.commandLine().getErr());
        if (!loaded.ok()) {
            return ExitCodes.INVALID;
        }
        long warnings = loaded.problems().stream().filter(p -> !p.isError()).count();
        spec.commandLine().getOut().println(job + ": valid (" + loaded.document().operators().size() + " operators"
                + (warnings == 0 ? "" : ", " + warnings + " warning" + (warnings == 1 ? "" : "s")) + ")");
        return ExitCodes.OK;
    }
}
