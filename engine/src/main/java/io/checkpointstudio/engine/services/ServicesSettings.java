package io.checkpointstudio.engine.services;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the local services keep their data and find their servers, and which ports they prefer.
 *
 * @param home          the data folder: one folder per service, the lock file, the logs
 *                      ({@code ~/.checkpoint-studio/services} unless changed)
 * @param servers       the servers' own folders ({@code kafka/}, {@code postgres/}, {@code s3/}), built into
 *                      {@code local-servers/target/servers} and used only as the class path of their processes
 * @param binaries      where PostgreSQL's binaries are unpacked (once; shared by every data folder that names it)
 * @param ports         the port each service takes when it is free; 0 means any free port
 * @param startTimeout  how long a service may take to answer after its process started
 */
public record ServicesSettings(Path home, Path servers, Path binaries, Map<ServiceKind, Integer> ports, Duration startTimeout) {
    /** -D property / environment variable for the data folder. */
    public static final String HOME_PROPERTY = "checkpointstudio.services.home";
    public static final String HOME_ENV = "CHECKPOINT_STUDIO_SERVICES_HOME";
    /** -D property for the servers' folder (the launcher and the app image set it). */
    public static final String SERVERS_PROPERTY = "checkpointstudio.servers.dir";
    /** -D property for where PostgreSQL's binaries are unpacked (default: in the data folder). */
    public static final String BINARIES_PROPERTY = "checkpointstudio.services.binaries";
    /** -D property: {@code any} makes every service take any free port instead of its standard one (tests). */
    public static final String PORTS_PROPERTY = "checkpointstudio.services.ports";

    public ServicesSettings {
        home = home.toAbsolutePath().normalize();
        servers = servers.toAbsolutePath().normalize();
        binaries = binaries.toAbsolutePath().normalize();
        ports = Map.copyOf(ports);
    }

    /** The settings of this process: the -D properties and environment variables above, else the defaults. */
    public static ServicesSettings defaults() {
        String homeText = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
        Path home = homeText != null && !homeText.isBlank() ? Path.of(homeText)
                : Path.of(System.getProperty("user.home"), ".checkpoint-studio", "services");
        String binariesText = System.getProperty(BINARIES_PROPERTY);
        Path binaries = binariesText != null && !binariesText.isBlank() ? Path.of(binariesText) : home.resolve("postgres");
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        boolean any = "any".equalsIgnoreCase(System.getProperty(PORTS_PROPERTY, ""));
        for (ServiceKind k : ServiceKind.values()) {
            ports.put(k, any ? 0 : k.standardPort());
        }
        return new ServicesSettings(home, defaultServers(), binaries, ports, Duration.ofSeconds(90));
    }

    /** These settings with another data folder (PostgreSQL's binaries stay where they were). */
    public ServicesSettings withHome(Path newHome) {
        return new ServicesSettings(newHome, servers, binaries, ports, startTimeout);
    }

    public ServicesSettings withServers(Path newServers) {
        return new ServicesSettings(home, newServers, binaries, ports, startTimeout);
    }

    public ServicesSettings withPort(ServiceKind kind, int port) {
        Map<ServiceKind, Integer> p = new EnumMap<>(ports);
        p.put(kind, port);
        return new ServicesSettings(home, servers, binaries, p, startTimeout);
    }

    /** Every service on any free port (tests, and machines where the standard ports belong to others). */
    public ServicesSettings withAnyPorts() {
        Map<ServiceKind, Integer> p = new EnumMap<>(ServiceKind.class);
        for (ServiceKind k : ServiceKind.values()) {
            p.put(k, 0);
        }
        return new ServicesSettings(home, servers, binaries, p, startTimeout);
    }

    public ServicesSettings withStartTimeout(Duration timeout) {
        return new ServicesSettings(home, servers, binaries, ports, timeout);
    }

    public int port(ServiceKind kind) {
        return ports.getOrDefault(kind, kind.standardPort());
    }

    /** The data folder of one service. */
    public Path folder(ServiceKind kind) {
        return home.resolve(kind.id());
    }

    /** The folder of one server's jars and binaries. */
    public Path serverFolder(ServiceKind kind) {
        return servers.resolve(kind.id());
    }

    /**
     * {@code -Dcheckpointstudio.servers.dir}; else {@code servers/} or {@code local-servers/target/servers/} under
     * {@code -Dcheckpointstudio.home} (the app image; the launcher); else next to the build of the engine's own
     * jar or classes ({@code <repo>/engine/target/...}).
     */
    static Path defaultServers() {
        String explicit = System.getProperty(SERVERS_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String studioHome = System.getProperty("checkpointstudio.home");
        if (studioHome != null && !studioHome.isBlank()) {
            for (Path p : new Path[] {Path.of(studioHome, "servers"), Path.of(studioHome, "local-servers", "target", "servers")}) {
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        try {
            Path code = Path.of(ServicesSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <repo>/engine/target/engine.jar or <repo>/engine/target/classes
            Path repo = code.getParent() == null || code.getParent().getParent() == null ? null : code.getParent().getParent().getParent();
            if (repo != null) {
                return repo.resolve("local-servers").resolve("target").resolve("servers");
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source: fall through
        }
        return Path.of("local-servers", "target", "servers");
    }
}
