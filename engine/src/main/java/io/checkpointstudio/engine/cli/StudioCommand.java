package io.checkpointstudio.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "checkpoint-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Build, run and watch stream jobs with Flink-style checkpointing.",
            "The launcher ./checkpoint-studio opens the desktop app when given no command (or just a job file)."
        },
        subcommands = {ValidateCommand.class, RunCommand.class, BenchCommand.class, OptionsCommand.class, OperatorsCommand.class, CheckRestoreCommand.class, InspectCommand.class, SavepointCommand.class, ProduceClicksCommand.class, ServicesCommand.class})
final class StudioCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
