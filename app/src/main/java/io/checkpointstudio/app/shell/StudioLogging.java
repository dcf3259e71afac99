package io.checkpointstudio.app.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The app's log: java.util.logging into {@code <settings folder>/logs/studio.log} (the engine's System.Logger
 * output lands there too, as System.Logger goes to java.util.logging by default), with uncaught exceptions
 * of every thread. Each start moves the previous logs along: studio.log is this session, studio.1.log the
 * one before, up to studio.4.log; within a session the file is capped at {@link #LIMIT} bytes.
 */
public final class StudioLogging {
    public static final String FILE = "studio.log";
    static final int KEEP = 5;
    static final int LIMIT = 20 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger("io.checkpointstudio.app");
    private static FileHandler handler;

    private StudioLogging() {
    }

    /** Sets up the log in a folder; returns the log file, or null when the folder cannot be written (the app runs on). */
    public static synchronized Path install(Path logDir) {
        try {
            Files.createDirectories(logDir);
            rotate(logDir);
            Logger root = Logger.getLogger("");
            if (handler != null) {
                root.removeHandler(handler);
                handler.close();
            }
            handler = new FileHandler(logDir.resolve(FILE).toString(), LIMIT, 1, false);
            handler.setEncoding("UTF-8");
            handler.setFormatter(new LineFormatter());
            handler.setLevel(Level.INFO);
            root.addHandler(handler);
        } catch (IOException | RuntimeException e) {
            System.err.println("checkpoint-studio: cannot write the log in " + logDir + ": " + e.getMessage());
            return null;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.log(Level.SEVERE, "uncaught exception in thread " + thread.getName(), e);
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            }
        });
        LOG.info(() -> "Checkpoint Studio " + Versions.app() + " starting; Java " + Versions.java() + "; " + Versions.os());
        return logDir.resolve(FILE);
    }

    /** Flushes the log (tests read it). */
    public static synchronized void flush() {
        if (handler != null) {
            handler.flush();
        }
    }

    /** studio.3.log → studio.4.log, …, studio.log → studio.1.log. */
    static void rotate(Path dir) throws IOException {
        for (int i = KEEP - 1; i >= 1; i--) {
            Path from = dir.resolve(i == 1 ? FILE : "studio." + (i - 1) + ".log");
            if (Files.exists(from)) {
                Files.move(from, dir.resolve("studio." + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** One line per record: time, level, logger, message; then the stack trace, if any. */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder()
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                b.append(w);
            }
            return b.toString();
        }
    }
}
