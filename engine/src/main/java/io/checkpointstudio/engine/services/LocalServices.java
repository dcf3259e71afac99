package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The studio's local services (Kafka, PostgreSQL, S3): start, stop, restart, status and logs per service,
 * and what is in them (Kafka's topics, PostgreSQL's tables). Each server runs in a child process of its own,
 * detached from the process that started it, on 127.0.0.1 only, with its data under {@link ServicesSettings#home()}.
 * The lock file in that folder records each server's process and ports: another app or CLI with the same data
 * folder finds and reuses running services, and an entry whose process died (a crash, {@code kill -9}) is
 * reported as failed and replaced by the next start.
 *
 * <p>Every method may block on processes, disk or network: call it off the JavaFX thread. Listeners
 * ({@link #subscribe}) get every change of state (stopped, starting with progress lines, running, failed) on
 * the thread that made it, or on the facade's watcher thread, which checks the lock file and the processes
 * every two seconds while anyone listens (so a service started by another process, or one that crashed,
 * shows up). Safe for concurrent use.
 */
public final class LocalServices {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);
    private static volatile LocalServices shared;

    private final ServicesSettings settings;
    private final ServiceRegistry registry;
    private final Map<ServiceKind, LocalServer> servers = new EnumMap<>(ServiceKind.class);
    private final Map<ServiceKind, ServiceState> states = new ConcurrentHashMap<>();
    /** Counts every state published per service: a status read that raced with a start does not overwrite the newer state. */
    private final Map<ServiceKind, Long> versions = new ConcurrentHashMap<>();
    private final Map<ServiceKind, List<String>> progress = new ConcurrentHashMap<>();
    private final List<Consumer<ServiceState>> listeners = new CopyOnWriteArrayList<>();
    private Thread watcher;

    public LocalServices(ServicesSettings settings) {
        this.settings = settings;
        this.registry = new ServiceRegistry(settings.home());
        servers.put(ServiceKind.KAFKA, new KafkaServer(settings));
        servers.put(ServiceKind.POSTGRES, new PostgresServer(settings));
        servers.put(ServiceKind.S3, new S3Server(settings));
        for (ServiceKind k : ServiceKind.values()) {
            states.put(k, new ServiceState.Stopped(k));
        }
    }

    /** This process's services, with {@link ServicesSettings#defaults()}: what the CLI, the app and {@code local} addresses use. */
    public static LocalServices shared() {
        LocalServices s = shared;
        if (s == null) {
            synchronized (LocalServices.class) {
                s = shared;
                if (s == null) {
                    s = new LocalServices(ServicesSettings.defaults());
                    shared = s;
                }
            }
        }
        return s;
    }

    public ServicesSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ observing

    /** Calls {@code listener} with every change of a service's state from now on; close the result to stop. */
    public AutoCloseable subscribe(Consumer<ServiceState> listener) {
        listeners.add(listener);
        synchronized (this) {
            if (watcher == null) {
                watcher = new Thread(this::watch, "local services watcher");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
        return () -> listeners.remove(listener);
    }

    /** The state last seen by this process (no I/O); {@link #status(ServiceKind)} looks again. */
    public ServiceState lastKnown(ServiceKind kind) {
        return states.get(kind);
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
                if (!listeners.isEmpty()) {
                    status();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // keep watching; the next round may succeed
            }
        }
    }

    private void publish(ServiceState state) {
        publish(state, -1);
    }

    /** Publishes {@code state} unless another state was published since {@code seenVersion} (-1: in any case). */
    private void publish(ServiceState state, long seenVersion) {
        ServiceState before;
        synchronized (states) {
            if (seenVersion >= 0 && versions.getOrDefault(state.kind(), 0L) != seenVersion) {
                return;
            }
            before = states.put(state.kind(), state);
            versions.merge(state.kind(), 1L, Long::sum);
        }
        if (!state.equals(before)) {
            for (Consumer<ServiceState> l : listeners) {
                try {
                    l.accept(state);
                } catch (RuntimeException e) {
                    // a listener's problem is not the service's
                }
            }
        }
    }

    private void progress(ServiceKind kind, String line) {
        List<String> lines = progress.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
        lines.add(line);
        publish(new ServiceState.Starting(kind, lines));
    }

    // ------------------------------------------------------------------ status

    /** Every service's state, looked at now. */
    public Map<ServiceKind, ServiceState> status() {
        Map<ServiceKind, ServiceState> result = new EnumMap<>(ServiceKind.class);
        Map<ServiceKind, Long> seen = new EnumMap<>(ServiceKind.class);
        for (ServiceKind k : ServiceKind.values()) {
            seen.put(k, versions.getOrDefault(k, 0L));
        }
        Map<ServiceKind, ServiceRecord> records;
        try {
            records = registry.read();
        } catch (IOException e) {
            records = Map.of();
        }
        for (ServiceKind k : ServiceKind.values()) {
            result.put(k, status(k, records.get(k), seen.get(k)));
        }
        return result;
    }

    /** One service's state, looked at now: the lock file, its process, and whether it answers. */
    public ServiceState status(ServiceKind kind) {
        long seen = versions.getOrDefault(kind, 0L);
        ServiceRecord record;
        try {
            record = registry.read().get(kind);
        } catch (IOException e) {
            record = null;
        }
        return status(kind, record, seen);
    }

    private ServiceState status(ServiceKind kind, ServiceRecord record, long seenVersion) {
        ServiceState state;
        ServiceState mine = states.get(kind);
        if (record == null) {
            state = mine instanceof ServiceState.Starting || mine instanceof ServiceState.Failed ? mine : new ServiceState.Stopped(kind);
        } else {
            Optional<ProcessHandle> process = record.process();
            LocalServer server = servers.get(kind);
            if (process.isEmpty()) {
                state = new ServiceState.Failed(kind, "its server process (pid " + record.pid() + ") ended without being stopped"
                        + " (a crash, a kill -9 or a restart of the computer)", "start it again (./checkpoint-studio services start "
                        + kind.id() + "); its data is kept", LogTail.last(server.log(), 20), server.log());
            } else if (!record.ready()) {
                state = mine instanceof ServiceState.Starting ? mine
                        : new ServiceState.Starting(kind, List.of("being started by another process (server pid " + record.pid() + ")"));
            } else if (Ports.free(record.port())) {
                state = new ServiceState.Failed(kind, "its server process (pid " + record.pid() + ") runs but nothing listens on 127.0.0.1:"
                        + record.port(), "restart it (./checkpoint-studio services stop " + kind.id() + ", then start)",
                        LogTail.last(server.log(), 20), server.log());
            } else {
                state = new ServiceState.Running(kind, server.address(record.port()), record.port(), record.pid(), record.since(), record.note());
            }
        }
        publish(state, seenVersion);
        return state;
    }

    // ------------------------------------------------------------------ start

    /**
     * Starts the service, or returns the running one (started by this or another process with the same data
     * folder); blocks until it answers. Progress lines go to the listeners as {@link ServiceState.Starting}.
     */
    public ServiceState.Running start(ServiceKind kind) throws ServiceException {
        LocalServer server = servers.get(kind);
        Path folder = settings.folder(kind);
        long started = System.nanoTime();
        progress.put(kind, new CopyOnWriteArrayList<>());
        try {
            writableFolder(kind, folder);
            try (ServiceRegistry.StartLock lock = ServiceRegistry.StartLock.acquire(folder)) {
                ServiceState.Running running = startLocked(kind, server, folder, started);
                publish(running);
                return running;
            }
        } catch (ServiceException e) {
            publish(e.failure());
            throw e;
        } catch (IOException e) {
            ServiceState.Failed f = new ServiceState.Failed(kind, "cannot start: " + describe(e), "check the data folder " + folder,
                    LogTail.last(server.log(), 15), server.log());
            publish(f);
            throw new ServiceException(f, e);
        } finally {
            progress.remove(kind);
        }
    }

    /**
     * Starts several services at once (in parallel) and waits for all; each ends running or failed. The
     * progress lines go to the listeners.
     */
    public Map<ServiceKind, ServiceState> start(Collection<ServiceKind> kinds) {
        Map<ServiceKind, CompletableFuture<ServiceState>> futures = new EnumMap<>(ServiceKind.class);
        for (ServiceKind k : Set.copyOf(kinds)) {
            CompletableFuture<ServiceState> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(start(k));
                } catch (ServiceException e) {
                    f.complete(e.failure());
                } catch (RuntimeException e) {
                    f.complete(new ServiceState.Failed(k, "cannot start: " + e, null, List.of(), null));
                }
            }, "start " + k.id());
            t.setDaemon(true);
            t.start();
            futures.put(k, f);
        }
        Map<ServiceKind, ServiceState> result = new EnumMap<>(ServiceKind.class);
        futures.forEach((k, f) -> result.put(k, f.join()));
        return result;
    }

    private ServiceState.Running startLocked(ServiceKind kind, LocalServer server, Path folder, long started)
            throws ServiceException, IOException {
        ServiceRecord previous = registry.read().get(kind);
        int lastPort = 0;
        int lastController = 0;
        if (previous != null) {
            lastPort = previous.port();
            lastController = previous.controllerPort();
            Optional<ProcessHandle> process = previous.process();
            if (process.isPresent()) {
                Optional<ServiceState.Running> reused = reuse(kind, server, previous, process.get());
                if (reused.isPresent()) {
                    return reused.get();
                }
            } else {
                progress(kind, "its previous server process (pid " + previous.pid() + ") ended without being stopped; starting it again");
            }
            registry.remove(kind);
        } else {
            int[] remembered = rememberedPorts(folder);
            lastPort = remembered[0];
            lastController = remembered[1];
        }
        Ports ports = Ports.choose(kind, settings.port(kind), lastPort, server.needsControllerPort(), lastController);
        if (ports.note() != null) {
            progress(kind, ports.note());
        }
        server.prepare(ports, line -> progress(kind, line));
        List<String> command = server.command(ports);
        progress(kind, "starting " + kind.displayName() + " on 127.0.0.1:" + ports.port() + " ...");
        Process process = ServerProcesses.launch(command, folder, server.log());
        ServiceRecord record = ServiceRecord.of(process.toHandle(), ports);
        registry.put(kind, record);
        rememberPorts(folder, ports);
        try {
            awaitReady(kind, server, process.toHandle(), process, ports.port(), started);
            server.started(ports.port());
        } catch (ServiceException e) {
            process.destroyForcibly();
            registry.remove(kind); // a start that failed leaves nothing to reuse
            throw e;
        }
        record = record.asReady();
        registry.put(kind, record);
        return new ServiceState.Running(kind, server.address(ports.port()), ports.port(), record.pid(), record.since(), ports.note());
    }

    /** A recorded process that still runs: reused when it answers (or comes to answer), else stopped. */
    private Optional<ServiceState.Running> reuse(ServiceKind kind, LocalServer server, ServiceRecord record, ProcessHandle process)
            throws ServiceException, IOException {
        if (record.ready() && !Ports.free(record.port())) {
            // it answered once and still listens: reused as it is (a broken one fails its clients, and status says so)
            return Optional.of(new ServiceState.Running(kind, server.address(record.port()), record.port(), record.pid(), record.since(),
                    record.note()));
        }
        if (!record.ready()) {
            progress(kind, "already being started (server pid " + record.pid() + "); waiting for it ...");
        }
        try {
            awaitReady(kind, server, process, null, record.port(), System.nanoTime());
        } catch (ServiceException e) {
            progress(kind, "its server process (pid " + record.pid() + ") does not answer; stopping it and starting afresh");
            stopProcess(server, process);
            return Optional.empty();
        }
        if (!record.ready()) {
            server.started(record.port());
            record = record.asReady();
            registry.put(kind, record);
        }
        return Optional.of(new ServiceState.Running(kind, server.address(record.port()), record.port(), record.pid(), record.since(),
                record.note()));
    }

    private void awaitReady(ServiceKind kind, LocalServer server, ProcessHandle handle, Process process, int port, long started)
            throws ServiceException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        long nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (LocalServer.Readiness readiness = server.readiness(port)) {
            while (true) {
                if (!handle.isAlive()) {
                    String exit = process == null ? "" : " (exit code " + process.waitFor() + ")";
                    throw new ServiceException(new ServiceState.Failed(kind, kind.displayName() + " stopped while starting" + exit,
                            "read its log " + server.log() + " (its last lines are above); if its data folder " + settings.folder(kind)
                                    + " is damaged, move it away and start again (its data is then lost)",
                            LogTail.last(server.log(), 20), server.log()));
                }
                if (readiness.ready()) {
                    return;
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    stopProcess(server, handle);
                    throw new ServiceException(new ServiceState.Failed(kind, kind.displayName() + " did not answer on 127.0.0.1:" + port
                            + " within " + settings.startTimeout().toSeconds() + " s", "read its log " + server.log()
                            + "; a busy machine may need more time: start it again", LogTail.last(server.log(), 20), server.log()));
                }
                if (now > nextNote) {
                    progress(kind, "waiting for it to answer (" + (now - started) / 1_000_000_000L + " s) ...");
                    nextNote = now + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(new ServiceState.Failed(kind, "interrupted while waiting for it to answer", null, List.of(), null), e);
        }
    }

    private static void writableFolder(ServiceKind kind, Path folder) throws ServiceException {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-test", "");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ServiceException(new ServiceState.Failed(kind, "cannot write its data folder " + folder + ": " + describe(e),
                    "make the folder writable, or choose another data folder: set " + ServicesSettings.HOME_ENV + "=/some/folder (or -D"
                            + ServicesSettings.HOME_PROPERTY + "=/some/folder)", List.of(), null), e);
        }
    }

    /** The ports of the last start, kept beside the data so a restart comes back where its clients look. */
    private static int[] rememberedPorts(Path folder) {
        try {
            String[] parts = Files.readString(folder.resolve("ports")).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (IOException | RuntimeException e) {
            return new int[] {0, 0};
        }
    }

    private static void rememberPorts(Path folder, Ports ports) throws IOException {
        Files.writeString(folder.resolve("ports"), ports.port() + " " + ports.controllerPort() + "\n");
    }

    // ------------------------------------------------------------------ stop

    /** Stops the service (cleanly; killed after 30 s) and removes it from the lock file; nothing happens when it is not running. */
    public void stop(ServiceKind kind) throws ServiceException {
        LocalServer server = servers.get(kind);
        Path folder = settings.folder(kind);
        if (!Files.isDirectory(folder)) {
            publish(new ServiceState.Stopped(kind));
            return;
        }
        try (ServiceRegistry.StartLock lock = ServiceRegistry.StartLock.acquire(folder)) {
            ServiceRecord record = registry.read().get(kind);
            if (record != null) {
                Optional<ProcessHandle> process = record.process();
                if (process.isPresent()) {
                    stopProcess(server, process.get());
                }
                registry.remove(kind);
            }
            publish(new ServiceState.Stopped(kind));
        } catch (IOException e) {
            ServiceState.Failed f = new ServiceState.Failed(kind, "cannot stop: " + describe(e), "check the data folder " + folder,
                    List.of(), null);
            publish(f);
            throw new ServiceException(f, e);
        }
    }

    /** Stops the services (in parallel) and waits for all. */
    public void stop(Collection<ServiceKind> kinds) throws ServiceException {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        Map<ServiceKind, ServiceException> errors = new HashMap<>();
        for (ServiceKind k : Set.copyOf(kinds)) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    stop(k);
                } catch (ServiceException e) {
                    synchronized (errors) {
                        errors.put(k, e);
                    }
                }
            }));
        }
        all.forEach(CompletableFuture::join);
        if (!errors.isEmpty()) {
            throw errors.values().iterator().next();
        }
    }

    /** Stops and starts the service again (same data, the same port when it is still free). */
    public ServiceState.Running restart(ServiceKind kind) throws ServiceException {
        stop(kind);
        return start(kind);
    }

    private static void stopProcess(LocalServer server, ProcessHandle process) {
        server.requestStop(process);
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        }
    }

    // ------------------------------------------------------------------ logs and contents

    /** The server's own log (its output since it was first started, older parts rotated away). */
    public Path logFile(ServiceKind kind) {
        return servers.get(kind).log();
    }

    /** The last {@code lines} lines of the server's log (none when it never ran). */
    public List<String> logs(ServiceKind kind, int lines) {
        return LogTail.last(logFile(kind), lines);
    }

    /** The local Kafka's topics (internal ones left out) with each partition's end offset, by name. */
    public List<KafkaTopic> kafkaTopics() throws ServiceException {
        ServiceState.Running kafka = running(ServiceKind.KAFKA);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(15, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(pi -> latest.put(new TopicPartition(d.name(), pi.partition()), OffsetSpec.latest())));
            var offsets = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            List<KafkaTopic> topics = new ArrayList<>();
            for (TopicDescription d : described.values()) {
                List<KafkaTopic.Partition> parts = d.partitions().stream()
                        .map(pi -> new KafkaTopic.Partition(pi.partition(), offsets.get(new TopicPartition(d.name(), pi.partition())).offset()))
                        .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
                topics.add(new KafkaTopic(d.name(), parts));
            }
            topics.sort((a, b) -> a.name().compareTo(b.name()));
            return topics;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw asking(ServiceKind.KAFKA, e);
        } catch (Exception e) {
            throw asking(ServiceKind.KAFKA, e);
        }
    }

    /** The local PostgreSQL's tables (in database {@code postgres}, system schemas left out) with exact row counts. */
    public List<PostgresTable> postgresTables() throws ServiceException {
        ServiceState.Running pg = running(ServiceKind.POSTGRES);
        try (Connection c = PostgresServer.connect(pg.port(), 5); Statement s = c.createStatement()) {
            List<String[]> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_schema, table_name")) {
                while (rs.next()) {
                    names.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            List<PostgresTable> tables = new ArrayList<>();
            for (String[] n : names) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(n[0]) + "." + quote(n[1]))) {
                    rs.next();
                    tables.add(new PostgresTable(n[0], n[1], rs.getLong(1)));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw asking(ServiceKind.POSTGRES, e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private ServiceState.Running running(ServiceKind kind) throws ServiceException {
        ServiceState state = status(kind);
        if (state instanceof ServiceState.Running r) {
            return r;
        }
        throw new ServiceException(new ServiceState.Failed(kind, "is not running (" + state.name() + ")",
                "start it: ./checkpoint-studio services start " + kind.id(), List.of(), null));
    }

    private ServiceException asking(ServiceKind kind, Exception e) {
        return new ServiceException(new ServiceState.Failed(kind, "cannot read its contents: " + describe(e),
                "check that it runs (./checkpoint-studio services status)", logs(kind, 10), logFile(kind)), e);
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public String toString() {
        return "local services in " + settings.home();
    }
}
