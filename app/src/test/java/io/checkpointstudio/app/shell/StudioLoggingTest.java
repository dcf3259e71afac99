package io.checkpointstudio.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log goes to the per-user folder, takes the engine's System.Logger output and uncaught exceptions, and rotates per start. */
class StudioLoggingTest {
    @TempDir
    Path dir;

    private Thread.UncaughtExceptionHandler saved;

    @AfterEach
    void restore() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof java.util.logging.FileHandler) {
                Logger.getLogger("").removeHandler(h);
                h.close();
            }
        }
        Thread.setDefaultUncaughtExceptionHandler(saved);
    }

    @Test
    void theLogTakesSystemLoggerOutputAndUncaughtExceptions_andEachStartRotatesIt() throws Exception {
        saved = Thread.getDefaultUncaughtExceptionHandler();
        Path logs = dir.resolve("logs");

        // the first start writes studio.log with the versions
        Path log = StudioLogging.install(logs);
        assertThat(log).isEqualTo(logs.resolve("studio.log"));
        System.getLogger("io.checkpointstudio.engine.test").log(System.Logger.Level.WARNING, "checkpoint 7 failed: disk full");
        Thread t = new Thread(() -> {
            throw new IllegalStateException("boom in a worker");
        }, "worker-1");
        t.start();
        t.join();
        StudioLogging.flush();
        String first = Files.readString(log);
        assertThat(first).contains("Checkpoint Studio " + Versions.app() + " starting")
                .contains("WARNING io.checkpointstudio.engine.test: checkpoint 7 failed: disk full")
                .contains("uncaught exception in thread worker-1")
                .contains("java.lang.IllegalStateException: boom in a worker");

        // the next start moves it to studio.1.log and begins a fresh studio.log
        StudioLogging.install(logs);
        StudioLogging.flush();
        assertThat(Files.readString(logs.resolve("studio.1.log"))).isEqualTo(first);
        assertThat(Files.readString(log)).doesNotContain("boom in a worker");
    }

    @Test
    void rotation_keepsFiveLogs() throws Exception {
        for (int i = 0; i < 7; i++) {
            Files.writeString(dir.resolve("studio.log"), "start " + i);
            StudioLogging.rotate(dir);
        }
        assertThat(Files.readString(dir.resolve("studio.1.log"))).isEqualTo("start 6");
        assertThat(Files.readString(dir.resolve("studio.4.log"))).isEqualTo("start 3");
        assertThat(dir.resolve("studio.5.log")).doesNotExist();
        assertThat(dir.resolve("studio.log")).doesNotExist();
    }
}
