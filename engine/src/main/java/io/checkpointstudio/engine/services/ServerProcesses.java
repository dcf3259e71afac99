package io.checkpointstudio.engine.services;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Starting the servers' processes: the Java to run them with, detaching them from the starting process, short helper runs. */
final class ServerProcesses {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private ServerProcesses() {
    }

    /** This runtime's {@code bin/java}; a failure naming the runtime when it has none (a runtime stripped of its commands). */
    static String java(ServiceKind kind) throws ServiceException {
        Path java = Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new ServiceException(new ServiceState.Failed(kind, "this Java runtime (" + System.getProperty("java.home")
                    + ") has no bin/java to run the " + kind.displayName() + " server with",
                    "run the studio with a full JDK or JRE (17 or newer)", List.of(), null));
        }
        return java.toString();
    }

    /**
     * The server's command in a session of its own where the system has {@code setsid} (Linux): a Ctrl-C in the
     * terminal of the command that started it, or the end of that command, does not reach the server.
     */
    static List<String> detached(List<String> command) {
        List<String> full = new ArrayList<>();
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            if (Files.isExecutable(Path.of(dir, "setsid"))) {
                full.add(dir + "/setsid");
                break;
            }
        }
        full.addAll(command);
        return full;
    }

    /** Starts a server process: output appended to its log, no input, working folder its data folder. */
    static Process launch(List<String> command, Path folder, Path log) throws IOException {
        LogTail.rotate(log);
        ProcessBuilder pb = new ProcessBuilder(detached(command)).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")));
        return pb.start();
    }

    /** Runs a preparation step (format, unpack, initdb) to its end, output appended to the log; its exit code (-1: timed out). */
    static int runToEnd(List<String> command, Path folder, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Sends a signal by name (INT, TERM) with the system's kill; false when that could not be done. */
    static boolean signal(ProcessHandle process, String signal) {
        if (WINDOWS) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
