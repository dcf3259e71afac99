package io.checkpointstudio.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkpointstudio.engine.services.KafkaTopic;
import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.PostgresTable;
import io.checkpointstudio.engine.services.ProgressLines;
import io.checkpointstudio.engine.services.ServiceException;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServiceState;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code services start|stop|restart|status|logs [kafka|postgres|s3]}: the studio's local Kafka, PostgreSQL and S3. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = {"Starts, stops and shows the studio's local services: Kafka, PostgreSQL and S3, each a real server in a process",
            "of its own on 127.0.0.1, data in ~/.checkpoint-studio/services (CHECKPOINT_STUDIO_SERVICES_HOME moves it).",
            "A job whose kafka-source, kafka-sink or postgres-sink says \"local\" uses them (and starts them when needed)."},
        subcommands = {ServicesCommand.Start.class, ServicesCommand.Stop.class, ServicesCommand.Restart.class, ServicesCommand.Status.class,
            ServicesCommand.Logs.class, ServicesCommand.Topics.class, ServicesCommand.Tables.class})
final class ServicesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The named services, or all of them. */
    static Set<ServiceKind> kinds(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(ServiceKind.class);
        }
        Set<ServiceKind> kinds = EnumSet.noneOf(ServiceKind.class);
        for (String n : names) {
            kinds.add(ServiceKind.of(n));
        }
        return kinds;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String describe(ServiceState s) {
        if (s instanceof ServiceState.Running r) {
            return r.address() + "  (pid " + r.pid() + ", since "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault()).format(r.since()) + ")"
                    + (r.note() == null ? "" : "; " + r.note());
        }
        if (s instanceof ServiceState.Starting st) {
            return st.progress().isEmpty() ? "" : st.progress().get(st.progress().size() - 1);
        }
        if (s instanceof ServiceState.Failed f) {
            return f.reason();
        }
        return "";
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the services (all three when none is named) and prints each one's address and how long it took;",
                "running ones are reused. Each takes its standard port (Kafka 9092, PostgreSQL 5432, S3 9000) when it is free,",
                "else another one, and says which."})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "kafka, postgres or s3 (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<ServiceKind> kinds;
            try {
                kinds = kinds(names);
            } catch (IllegalArgumentException e) {
                err.println("services start: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            LocalServices services = LocalServices.shared();
            long begin = System.nanoTime();
            Instant commandStart = Instant.now();
            try (AutoCloseable progress = ProgressLines.print(services, err)) {
                Map<ServiceKind, Long> took = new ConcurrentHashMap<>();
                Map<ServiceKind, ServiceState> results = new EnumMap<>(ServiceKind.class);
                List<Thread> threads = new ArrayList<>();
                for (ServiceKind k : kinds) {
                    Thread t = new Thread(() -> {
                        ServiceState s;
                        try {
                            s = services.start(k);
                        } catch (ServiceException e) {
                            s = e.failure();
                        }
                        took.put(k, System.nanoTime() - begin);
                        synchronized (results) {
                            results.put(k, s);
                        }
                    }, "start " + k.id());
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join();
                }
                boolean ok = true;
                for (ServiceKind k : kinds) {
                    ServiceState s = results.get(k);
                    if (s instanceof ServiceState.Running r) {
                        String how = r.since().isBefore(commandStart) ? "already running (pid " + r.pid() + ")"
                                : "started in " + seconds(took.get(k));
                        out.printf(Locale.ROOT, "%-9s %-8s %-46s %s%s%n", k.id(), r.name(), r.address(), how,
                                k == ServiceKind.S3 ? ", bucket checkpoint-studio" : "");
                        if (r.note() != null) {
                            out.println("          " + r.note());
                        }
                    } else if (s instanceof ServiceState.Failed f) {
                        ok = false;
                        out.printf(Locale.ROOT, "%-9s %-8s%n", k.id(), f.name());
                        err.println(f.describe());
                    }
                }
                out.println((ok ? "services ready in " : "services failed after ") + seconds(System.nanoTime() - begin) + "; data in "
                        + services.settings().home());
                out.flush();
                err.flush();
                return ok ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the services (all when none is named); their data is kept.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "kafka, postgres or s3 (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            Set<ServiceKind> kinds;
            try {
                kinds = kinds(names);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("services stop: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            LocalServices services = LocalServices.shared();
            long begin = System.nanoTime();
            try {
                services.stop(kinds);
            } catch (ServiceException e) {
                spec.commandLine().getErr().println(e.failure().describe());
                return ExitCodes.FAILED;
            }
            for (ServiceKind k : kinds) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%-9s stopped%n", k.id());
            }
            spec.commandLine().getOut().println("stopped in " + seconds(System.nanoTime() - begin));
            return ExitCodes.OK;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops and starts the services again (all when none is named).")
    static final class Restart implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "kafka, postgres or s3 (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Stop stop = new Stop();
            stop.spec = spec;
            stop.names = names;
            int stopped = stop.call();
            if (stopped != ExitCodes.OK) {
                return stopped;
            }
            Start start = new Start();
            start.spec = spec;
            start.names = names;
            return start.call();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Shows each service's state and address; --json prints one line:",
                "{\"kafka\":{\"state\":\"running\",\"bootstrap\":\"127.0.0.1:9092\"},\"postgres\":{\"state\":...,\"url\":...},\"s3\":{\"state\":...,\"endpoint\":...}}"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "kafka, postgres or s3 (default: all).")
        List<String> names = new ArrayList<>();

        @Option(names = "--json", description = "One line of JSON for scripts.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Set<ServiceKind> kinds;
            try {
                kinds = kinds(names);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("services status: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            LocalServices services = LocalServices.shared();
            Map<ServiceKind, ServiceState> all = services.status();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(all, kinds));
                return ExitCodes.OK;
            }
            for (ServiceKind k : kinds) {
                ServiceState s = all.get(k);
                out.printf(Locale.ROOT, "%-9s %-8s %s%n", k.id(), s.name(), describe(s));
                if (s instanceof ServiceState.Failed f) {
                    f.lastLogLines().forEach(l -> out.println("          | " + l));
                    if (f.whatToDo() != null) {
                        out.println("          what to do: " + f.whatToDo());
                    }
                }
            }
            out.println("data in " + services.settings().home());
            return ExitCodes.OK;
        }

        static String toJson(Map<ServiceKind, ServiceState> all, Set<ServiceKind> kinds) throws Exception {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            for (ServiceKind k : kinds) {
                ServiceState s = all.get(k);
                ObjectNode n = root.putObject(k.id());
                n.put("state", s.name());
                if (s instanceof ServiceState.Running r) {
                    n.put(addressKey(k), r.address());
                } else if (s instanceof ServiceState.Failed f) {
                    n.put("reason", f.reason());
                }
            }
            return m.writeValueAsString(root);
        }

        private static String addressKey(ServiceKind k) {
            return switch (k) {
                case KAFKA -> "bootstrap";
                case POSTGRES -> "url";
                case S3 -> "endpoint";
            };
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Prints the last lines of the services' own logs (all when none is named).")
    static final class Logs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "kafka, postgres or s3 (default: all).")
        List<String> names = new ArrayList<>();

        @Option(names = {"-n", "--lines"}, defaultValue = "40", description = "Lines per log (default ${DEFAULT-VALUE}).")
        int lines;

        @Override
        public Integer call() {
            Set<ServiceKind> kinds;
            try {
                kinds = kinds(names);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("services logs: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            LocalServices services = LocalServices.shared();
            PrintWriter out = spec.commandLine().getOut();
            for (ServiceKind k : kinds) {
                out.println("==> " + services.logFile(k) + " <==");
                List<String> tail = services.logs(k, lines);
                if (tail.isEmpty()) {
                    out.println("(empty: " + k.displayName() + " has not run with this data folder)");
                }
                tail.forEach(out::println);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "topics", mixinStandardHelpOptions = true, description = "Lists the local Kafka's topics with each partition's end offset.")
    static final class Topics implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                for (KafkaTopic t : LocalServices.shared().kafkaTopics()) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%-30s %d partitions, end offsets %s (%,d in all)%n", t.name(),
                            t.partitions().size(), t.partitions().stream().map(p -> p.partition() + ":" + p.endOffset()).toList(),
                            t.totalEndOffset());
                }
                return ExitCodes.OK;
            } catch (ServiceException e) {
                spec.commandLine().getErr().println(e.failure().describe());
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "tables", mixinStandardHelpOptions = true, description = "Lists the local PostgreSQL's tables (database postgres) with their row counts.")
    static final class Tables implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                for (PostgresTable t : LocalServices.shared().postgresTables()) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%-40s %,d rows%n", t.schema() + "." + t.name(), t.rows());
                }
                return ExitCodes.OK;
            } catch (ServiceException e) {
                spec.commandLine().getErr().println(e.failure().describe());
                return ExitCodes.FAILED;
            }
        }
    }
}
