package io.checkpointstudio.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink standalone session cluster in two child JVMs, started as Flink's {@code bin/start-cluster.sh}
 * starts one: a JobManager ({@code StandaloneSessionClusterEntrypoint}, web submission on) and one
 * TaskManager with two slots, both reading the {@code config.yaml} written here (free ports on 127.0.0.1,
 * memory sizes small enough for a shared 2-core machine) and given the JVM memory options and dynamic
 * properties Flink's scripts compute from it. Their class path is the one given: Flink and its dependencies
 * only. Closing the cluster, or the exit of this JVM, kills both processes.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    /** What a Flink distribution's config.yaml passes to every Flink JVM on Java 17 ({@code env.java.default-opts.all}). */
    private static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_LINES_SHOWN = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String restUrl;
    private final List<Child> children = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::kill, "kill-flink-cluster");

    /** A started JVM and the file its stdout and stderr go to. */
    private record Child(String name, Process process, Path log) {
    }

    private StandaloneFlinkCluster(String restUrl) {
        this.restUrl = restUrl;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the cluster in {@code dir} (its config, logs, uploads and temporary files go there) on the class path
     * given, and returns once its REST API reports the TaskManager's two slots; stops it and throws, with the
     * processes' logs, if it does not come up.
     */
    static StandaloneFlinkCluster start(Path dir, List<Path> classPath) throws IOException, InterruptedException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int restPort = freePort();
        Map<String, String> config = Map.ofEntries(
                Map.entry("jobmanager.rpc.address", "127.0.0.1"),
                Map.entry("jobmanager.rpc.port", String.valueOf(freePort())),
                Map.entry("jobmanager.bind-host", "127.0.0.1"),
                Map.entry("jobmanager.memory.process.size", "1024m"),
                Map.entry("taskmanager.host", "127.0.0.1"),
                Map.entry("taskmanager.bind-host", "127.0.0.1"),
                Map.entry("taskmanager.numberOfTaskSlots", "2"),
                Map.entry("taskmanager.memory.process.size", "1280m"),
                Map.entry("taskmanager.memory.managed.size", "128m"),
                Map.entry("rest.address", "127.0.0.1"),
                Map.entry("rest.bind-address", "127.0.0.1"),
                Map.entry("rest.port", String.valueOf(restPort)),
                Map.entry("web.submit.enable", "true"),
                Map.entry("web.upload.dir", Files.createDirectories(dir.resolve("uploads")).toString()),
                Map.entry("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString()));
        StringBuilder yaml = new StringBuilder();
        config.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Configuration flinkConf = Configuration.fromMap(config);

        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster("http://127.0.0.1:" + restPort);
        try {
            JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
            cluster.launch("jobmanager", dir, classPath, JobManagerProcessUtils.generateJvmParametersStr(jm, flinkConf),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", conf,
                    JobManagerProcessUtils.generateDynamicConfigsStr(jm));
            TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
            cluster.launch("taskmanager", dir, classPath, ProcessMemoryUtils.generateJvmParametersStr(tm),
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf, TaskExecutorProcessUtils.generateDynamicConfigsStr(tm));
            cluster.awaitSlots(2);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            String logs = cluster.logs();
            cluster.close();
            throw new IOException("the Flink cluster did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    /** The REST address, e.g. {@code http://127.0.0.1:40123}. */
    String restUrl() {
        return restUrl;
    }

    /** The last lines of each process's output, for a failure's report. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (Child c : children) {
            List<String> lines;
            try {
                lines = Files.readAllLines(c.log());
            } catch (IOException e) {
                lines = List.of("(cannot read " + c.log() + ": " + e + ")");
            }
            all.append("---- ").append(c.name()).append(" (").append(c.process().isAlive() ? "running" : "exited " + c.process().exitValue())
                    .append("), last ").append(Math.min(LOG_LINES_SHOWN, lines.size())).append(" of ").append(lines.size())
                    .append(" lines of ").append(c.log()).append(" ----\n");
            lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()).forEach(l -> all.append(l).append('\n'));
        }
        return all.toString();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
    }

    /** SIGTERM (Flink's processes shut down and clean up), then SIGKILL for any still alive after 10 s. */
    private void kill() {
        children.forEach(c -> c.process().destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Child c : children) {
            try {
                if (!c.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    c.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch(String name, Path dir, List<Path> classPath, String memoryOptions, String mainClass, Path conf,
            String dynamicProperties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(memoryOptions.trim().split("\\s+")));
        command.addAll(JAVA_17_OPTIONS);
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(Arrays.asList(dynamicProperties.trim().split("\\s+")));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        children.add(new Child(name, process, log));
    }

    private void awaitSlots(int slots) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Child c : children) {
                if (!c.process().isAlive()) {
                    throw new IOException("the " + c.name() + " exited with " + c.process().exitValue());
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restUrl + "/overview")).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                JsonNode overview = JSON.readTree(r.body());
                if (r.statusCode() == 200 && overview.path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException("no " + slots + " task slots at " + restUrl + "/overview within " + START_TIMEOUT.toSeconds() + " s; last: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
