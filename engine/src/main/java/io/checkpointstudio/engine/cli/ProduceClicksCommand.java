package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import io.checkpointstudio.engine.services.LocalAddresses;
import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ProgressLines;
import io.checkpointstudio.engine.services.ServiceException;
import io.checkpointstudio.engine.services.ServiceKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "produce-clicks", mixinStandardHelpOptions = true,
        description = {"Writes the click events of shared/bench/WORKLOAD.md to a Kafka topic as JSON values",
            "{\"userId\":..,\"loggedIn\":..,\"ts\":..}, keyed by user, for a kafka-source to read: events 0..N-1 of the seed,",
            "so a job's results can be checked against them. Without --bootstrap it writes to the studio's local Kafka",
            "(started when needed). --rate without --events keeps writing until stopped (Ctrl-C)."})
final class ProduceClicksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", defaultValue = LocalAddresses.LOCAL,
            description = "Kafka bootstrap servers, host:port[,host:port...], or local: the studio's local Kafka (default).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "clicks", description = "Topic to write to (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--events", description = "Events 0..N-1 to write (default 1000000; with --rate and without --events: until stopped).")
    Long events;

    @Option(names = "--users", defaultValue = "1000", description = "Distinct users (default ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", paramLabel = "N/s", description = "Events per second, e.g. 5000/s (or 5000); without --events it writes until stopped.")
    String rate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long perSecond;
        try {
            perSecond = rate == null ? 0 : parseRate(rate);
        } catch (IllegalArgumentException e) {
            err.println("produce-clicks: --rate " + e.getMessage());
            return ExitCodes.INVALID;
        }
        boolean continuous = rate != null && events == null;
        long count = continuous ? Long.MAX_VALUE : events == null ? 1_000_000 : events;
        if (count < 0 || users <= 0) {
            err.println("produce-clicks: --events must not be negative and --users must be positive");
            return ExitCodes.INVALID;
        }
        String servers = bootstrap;
        if (LocalAddresses.isLocal(bootstrap)) {
            try (AutoCloseable progress = ProgressLines.print(LocalServices.shared(), err)) {
                servers = LocalServices.shared().start(ServiceKind.KAFKA).address();
            } catch (ServiceException e) {
                err.println(e.failure().describe());
                return ExitCodes.FAILED;
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "stop producing on Ctrl-C");
        Runtime.getRuntime().addShutdownHook(hook);
        if (continuous) {
            err.println("produce-clicks: writing " + perSecond + " events/s to topic '" + topic + "' at " + servers + " until stopped (Ctrl-C) ...");
            err.flush();
        }
        long start = System.nanoTime();
        try {
            long sent = ClickProducer.produce(servers, topic, count, users, seed, perSecond, stop::get, n -> {
                if (continuous) {
                    err.printf(Locale.ROOT, "produce-clicks: %,d events written%n", n);
                    err.flush();
                }
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            out.println("produce-clicks: wrote " + sent + " events (" + users + " users, seed " + seed + ") to topic '" + topic + "' at "
                    + servers + " in " + ms + " ms");
            ClicksOracle.Totals expected = ClicksOracle.totals(sent, users, seed);
            out.printf(Locale.ROOT, "produce-clicks: the guide's job counts %d logged-in clicks of these; sum of userId x clicks %d%n",
                    expected.loggedIn(), expected.weightedChecksum());
            out.flush();
        } catch (IOException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            done.countDown(); // after the last line: on Ctrl-C the JVM ends when the hook returns
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook waited for the last events to be acknowledged
        }
        return ExitCodes.OK;
    }

    /** "5000/s", "5000" or "5k/s": events per second, positive. */
    static long parseRate(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2).trim();
        }
        long factor = 1;
        if (t.endsWith("k")) {
            factor = 1000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t.replace("_", "").replace(",", "")) * factor;
            if (n <= 0) {
                throw new IllegalArgumentException("'" + text + "' must be a positive number of events per second, e.g. 5000/s");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate; write events per second, e.g. 5000/s", e);
        }
    }
}
