package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * An S3-compatible server: S3Proxy ({@code org.gaul.s3proxy.Main}) from {@code servers/s3} with its
 * {@code filesystem-nio2} backend (a bucket is a folder under {@code <home>/s3/data}), on 127.0.0.1 only and
 * without authorization (any access key is accepted). The bucket {@value #BUCKET} is created at start.
 */
final class S3Server implements LocalServer {
    static final String BUCKET = "checkpoint-studio";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServicesSettings settings;
    private final Path folder;

    S3Server(ServicesSettings settings) {
        this.settings = settings;
        this.folder = settings.folder(ServiceKind.S3);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.S3;
    }

    @Override
    public Path log() {
        return folder.resolve("s3.log");
    }

    private Path jars() throws ServiceException {
        Path jars = settings.serverFolder(kind());
        try (var files = Files.list(jars)) {
            if (files.anyMatch(f -> f.getFileName().toString().startsWith("s3proxy-"))) {
                return jars;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ServiceException(new ServiceState.Failed(kind(), "S3Proxy's jars are not in " + jars,
                "build them with: mvn -q -DskipTests package -pl local-servers -am (./checkpoint-studio does it when needed),"
                        + " or set -D" + ServicesSettings.SERVERS_PROPERTY + " to the folder that holds kafka/, postgres/ and s3/",
                List.of(), null));
    }

    @Override
    public void prepare(Ports ports, Consumer<String> progress) throws ServiceException {
        jars();
        try {
            Files.createDirectories(folder.resolve("data"));
            Properties p = new Properties();
            p.put("s3proxy.endpoint", address(ports.port()));
            p.put("s3proxy.authorization", "none");
            p.put("jclouds.provider", "filesystem-nio2");
            p.put("jclouds.filesystem.basedir", folder.resolve("data").toString());
            p.put("jclouds.identity", "checkpoint-studio");
            p.put("jclouds.credential", "checkpoint-studio");
            try (OutputStream out = Files.newOutputStream(folder.resolve("s3proxy.properties"))) {
                p.store(out, "Written by Checkpoint Studio at every start of its local S3; edits are overwritten");
            }
            Files.writeString(folder.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceException(new ServiceState.Failed(kind(), "cannot prepare " + folder + ": " + e.getMessage(),
                    "check that the folder can be written", List.of(), null), e);
        }
    }

    @Override
    public List<String> command(Ports ports) throws ServiceException {
        return List.of(ServerProcesses.java(kind()), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dcheckpointstudio.service=s3", "-Dlogback.configurationFile=" + folder.resolve("logback.xml"),
                "-cp", jars().resolve("*").toString(), "org.gaul.s3proxy.Main", "--properties", folder.resolve("s3proxy.properties").toString());
    }

    @Override
    public Readiness readiness(int port) {
        return () -> {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(address(port) + "/")).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Creates the bucket {@value #BUCKET} (an existing one is fine). */
    @Override
    public void started(int port) throws ServiceException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(address(port) + "/" + BUCKET)).timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && !r.body().contains("BucketAlreadyOwnedByYou")) {
                throw new ServiceException(new ServiceState.Failed(kind(), "creating the bucket " + BUCKET + " failed: HTTP " + r.statusCode()
                        + " " + r.body(), "read " + log(), LogTail.last(log(), 15), log()));
            }
        } catch (IOException e) {
            throw new ServiceException(new ServiceState.Failed(kind(), "creating the bucket " + BUCKET + " failed: " + e.getMessage(),
                    "read " + log(), LogTail.last(log(), 15), log()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(new ServiceState.Failed(kind(), "interrupted while creating the bucket", null, List.of(), null), e);
        }
    }

    @Override
    public void requestStop(ProcessHandle process) {
        process.destroy();
    }

    @Override
    public String address(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
