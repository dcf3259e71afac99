package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "produce-clicks", mixinStandardHelpOptions = true,
        description = {"Writes the click events of shared/bench/WORKLOAD.md to a Kafka topic as JSON values",
            "{\"userId\":..,\"loggedIn\":..,\"ts\":..}, keyed by user, for a kafka-source to read."})
final class ProduceClicksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, host:port[,host:port...].")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "clicks", description = "Topic to write to (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--events", defaultValue = "1000000", description = "Events 0..N-1 to write (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--users", defaultValue = "1000", description = "Distinct users (default ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    long rate;

    @Override
    public Integer call() {
        if (events < 0 || users <= 0 || rate < 0) {
            spec.commandLine().getErr().println("produce-clicks: --events and --rate must not be negative and --users must be positive");
            return ExitCodes.INVALID;
        }
        long start = System.nanoTime();
        try {
            ClickProducer.produce(bootstrap, topic, events, users, seed, rate);
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.FAILED;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        spec.commandLine().getOut().println("produce-clicks: wrote " + events + " events (" + users + " users, seed " + seed
                + ") to topic '" + topic + "' at " + bootstrap + " in " + ms + " ms");
        return ExitCodes.OK;
    }
}
