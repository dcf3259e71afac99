package io.checkpointstudio.engine.cli;

import picocli.CommandLine;

/** The command-line entry point of the engine: {@code ./checkpoint-studio <command>}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // the Kafka clients log through SLF4J; without a binding it would print a notice about the missing provider
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code; for tests. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line as {@link #main} runs it; tests set its out and err to capture what it prints. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StudioCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return ExitCodes.FAILED;
        });
        return cli;
    }
}
