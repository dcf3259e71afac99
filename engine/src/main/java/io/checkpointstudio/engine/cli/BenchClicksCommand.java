package io.checkpointstudio.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clicks", mixinStandardHelpOptions = true,
        description = {"Runs the clicks workload of shared/bench/WORKLOAD.md and prints one JSON line with its measurements.",
            "The job is built from the same operators a user has: datagen-clicks -> filter -> map -> key-by -> sum -> checksum-sink."})
final class BenchClicksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "20000000", description = "Source events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--users", defaultValue = "1000000", description = "Distinct users (default ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallel subtasks of every operator (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Checkpoint interval in ms; 0 = checkpointing off (default ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--mode", defaultValue = "EXACTLY_ONCE", description = "EXACTLY_ONCE or AT_LEAST_ONCE (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--backend", defaultValue = "hashmap", description = "hashmap or rocksdb (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--incremental", defaultValue = "false", arity = "1", description = "rocksdb only: incremental checkpoints (default ${DEFAULT-VALUE}).")
    boolean incremental;

    @Option(names = "--unaligned", defaultValue = "false", arity = "1", description = "Unaligned checkpoints (default ${DEFAULT-VALUE}).")
    boolean unaligned;

    @Option(names = "--fail-at", description = "Inject one failure when this fraction of the work is done, e.g. 0.5.")
    Double failAt;

    @Override
    public Integer call() throws Exception {
        ClicksBenchmark.Settings settings = new ClicksBenchmark.Settings(events, users, parallelism, intervalMs, mode, backend,
                incremental, unaligned, failAt);
        String problem = ClicksBenchmark.unsupported(settings);
        if (problem != null) {
            spec.commandLine().getErr().println("bench clicks: " + problem);
            return ExitCodes.INVALID;
        }
        var result = ClicksBenchmark.run(settings);
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
        return Boolean.TRUE.equals(result.get("checksum_ok")) || failAt != null && "AT_LEAST_ONCE".equalsIgnoreCase(mode)
                ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
