package io.checkpointstudio.engine.services;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one local service is doing, as the facade publishes it to its listeners: stopped, starting (with
 * the progress lines so far), running (with its address), or failed (with the reason, what to do and the
 * last lines of the server's own log).
 */
public sealed interface ServiceState {
    ServiceKind kind();

    /** stopped, starting, running or failed: the {@code state} of {@code services status --json}. */
    String name();

    record Stopped(ServiceKind kind) implements ServiceState {
        @Override
        public String name() {
            return "stopped";
        }
    }

    /** Being started (by this process or another one); {@code progress} holds its progress lines, oldest first. */
    record Starting(ServiceKind kind, List<String> progress) implements ServiceState {
        public Starting {
            progress = List.copyOf(progress);
        }

        @Override
        public String name() {
            return "starting";
        }
    }

    /**
     * Answering at {@code address} (bootstrap servers, JDBC URL or S3 endpoint) on 127.0.0.1:{@code port}.
     * {@code note} says why it is not on its standard port, or null; {@code pid} is the server's process.
     */
    record Running(ServiceKind kind, String address, int port, long pid, Instant since, String note) implements ServiceState {
        @Override
        public String name() {
            return "running";
        }
    }

    /**
     * Could not start, or ended on its own. {@code reason} says what happened, {@code whatToDo} what to try,
     * {@code lastLogLines} are the server's own last log lines (from {@code log}, which may be null).
     */
    record Failed(ServiceKind kind, String reason, String whatToDo, List<String> lastLogLines, Path log) implements ServiceState {
        public Failed {
            lastLogLines = List.copyOf(lastLogLines);
        }

        @Override
        public String name() {
            return "failed";
        }

        /** The reason, what to do and the log lines as one text, for a console or an error message. */
        public String describe() {
            StringBuilder sb = new StringBuilder(kind.displayName()).append(": ").append(reason);
            if (!lastLogLines.isEmpty()) {
                sb.append("\n  last lines of ").append(log == null ? "its log" : log).append(':');
                lastLogLines.forEach(l -> sb.append("\n    ").append(l));
            }
            if (whatToDo != null && !whatToDo.isBlank()) {
                sb.append("\n  what to do: ").append(whatToDo);
            }
            return sb.toString();
        }
    }
}
