package io.checkpointstudio.engine.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong around the local services, with the real servers: a port in use, a folder that cannot be written, a server that will not start, a killed start. */
class ServiceFaultsTest {
    private final List<Path> homes = new ArrayList<>();
    private final List<LocalServices> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (LocalServices s : started) {
            for (ServiceKind k : ServiceKind.values()) {
                s.stop(k);
            }
        }
        for (Path h : homes) {
            TestHomes.delete(h);
        }
    }

    private LocalServices services(ServicesSettings settings) {
        LocalServices s = new LocalServices(settings);
        started.add(s);
        return s;
    }

    private Path home(String name) throws Exception {
        Path h = TestHomes.newHome(name);
        homes.add(h);
        return h;
    }

    @Test
    void standardPortInUse_anotherPortIsTaken_andTheStateSaysWhich() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            LocalServices s = services(TestHomes.settings(home("port-in-use")).withPort(ServiceKind.S3, port));

            ServiceState.Running s3 = s.start(ServiceKind.S3);

            assertThat(s3.port()).isNotEqualTo(port);
            assertThat(s3.note()).isEqualTo("port " + port + " is in use by another program; S3 listens on port " + s3.port() + " instead");
            assertThat(s.status(ServiceKind.S3)).isEqualTo(s3);
        }
    }

    @Test
    void dataFolderThatCannotBeWritten_failsNamingTheFolderAndWhatToDo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        LocalServices s = services(TestHomes.settings(file.resolve("services")));

        assertThatThrownBy(() -> s.start(ServiceKind.POSTGRES)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.failure().reason()).startsWith("cannot write its data folder " + file.resolve("services").resolve("postgres"));
            assertThat(e.failure().whatToDo()).contains("CHECKPOINT_STUDIO_SERVICES_HOME=").contains("-Dcheckpointstudio.services.home=");
        });
        assertThat(s.lastKnown(ServiceKind.POSTGRES)).isInstanceOf(ServiceState.Failed.class);
    }

    @Test
    void serverThatDoesNotStart_failsWithItsOwnLogLinesAndWhatToDo() throws Exception {
        LocalServices s = services(TestHomes.settings(home("broken-server")));
        s.start(ServiceKind.POSTGRES);
        s.stop(ServiceKind.POSTGRES);
        Path conf = s.settings().folder(ServiceKind.POSTGRES).resolve("data/postgresql.conf");
        Files.writeString(conf, "\nthis line is not a setting\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> s.start(ServiceKind.POSTGRES)).isInstanceOfSatisfying(ServiceException.class, e -> {
            ServiceState.Failed f = e.failure();
            assertThat(f.reason()).isEqualTo("PostgreSQL stopped while starting (exit code 1)");
            assertThat(f.lastLogLines()).anyMatch(l -> l.contains("syntax error in file \"" + conf + "\""));
            assertThat(f.log()).isEqualTo(s.logFile(ServiceKind.POSTGRES));
            assertThat(f.whatToDo()).contains("read its log " + f.log());
        });
        assertThat(s.status(ServiceKind.POSTGRES)).as("a failed start leaves nothing running").isInstanceOf(ServiceState.Failed.class);
        assertThat(new LocalServices(s.settings()).status(ServiceKind.POSTGRES)).as("seen from another process")
                .isEqualTo(new ServiceState.Stopped(ServiceKind.POSTGRES));
    }

    @Test
    void serversFolderWithoutTheServer_failsSayingHowToBuildIt(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("kafka"));
        LocalServices s = services(TestHomes.settings(home("no-server")).withServers(empty));

        assertThatThrownBy(() -> s.start(ServiceKind.KAFKA)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.failure().reason()).isEqualTo("Kafka's server jars are not in " + empty.resolve("kafka"));
            assertThat(e.failure().whatToDo()).contains("mvn -q -DskipTests package -pl local-servers -am");
        });
    }

    @Test
    void damagedLockFile_readsAsNothingRunning_andStartWritesItAfresh() throws Exception {
        Path home = home("damaged-lock");
        Files.writeString(home.resolve("services.lock"), "{\"kafka\": {\"pid\": 12");
        LocalServices s = services(TestHomes.settings(home));

        assertThat(s.status().values()).allMatch(st -> st instanceof ServiceState.Stopped);
        ServiceState.Running s3 = s.start(ServiceKind.S3);
        assertThat(Files.readString(home.resolve("services.lock"))).contains("\"s3\"").contains("\"pid\" : " + s3.pid());
    }

    @Test
    void startKilledWithSigkill_leavesAStaleEntry_thatTheNextStartRecovers() throws Exception {
        Path home = home("killed-start");
        Path lock = home.resolve("services.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServicesSettings settings = TestHomes.settings(home);
        Process cli = new ProcessBuilder(java, "-Dcheckpointstudio.services.home=" + home, "-Dcheckpointstudio.servers.dir=" + settings.servers(),
                "-Dcheckpointstudio.services.binaries=" + settings.binaries(), "-Dcheckpointstudio.services.ports=any",
                "-cp", System.getProperty("java.class.path"), "io.checkpointstudio.engine.cli.Main", "services", "start", "postgres")
                .redirectErrorStream(true).redirectOutput(home.resolve("cli.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.readString(lock).contains("\"postgres\""))) {
            assertThat(cli.isAlive()).as("the CLI ended before it launched the server: %s", Files.readString(home.resolve("cli.log"))).isTrue();
            assertThat(System.nanoTime()).as("the CLI launched the server").isLessThan(deadline);
            Thread.sleep(20);
        }
        cli.destroyForcibly(); // kill -9 of the process that was starting it
        cli.waitFor(10, TimeUnit.SECONDS);
        Matcher recorded = Pattern.compile("\"pid\" : (\\d+)").matcher(Files.readString(lock));
        assertThat(recorded.find()).isTrue();

        LocalServices s = services(settings);
        ServiceState.Running pg = s.start(ServiceKind.POSTGRES);

        assertThat(pg.pid()).as("the server the killed start launched runs on and is taken over").isEqualTo(Long.parseLong(recorded.group(1)));
        assertThat(Files.readString(lock)).contains("\"ready\" : true");
        assertThat(s.status(ServiceKind.POSTGRES)).isEqualTo(pg);
        assertThat(pg.address()).startsWith("jdbc:postgresql://127.0.0.1:");
    }
}
