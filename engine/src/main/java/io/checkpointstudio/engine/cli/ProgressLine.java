package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.monitor.MetricsSnapshot;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on stderr while a job runs: status, time, records and rates at the first and last
 * operator. On a terminal it rewrites one line; otherwise it prints a line every few seconds.
 */
final class ProgressLine {
    private final JobExecution execution;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressLine(JobExecution execution, PrintWriter err) {
        this.execution = execution;
        this.err = err;
        this.thread = new Thread(this::loop, "progress");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1000);
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private void loop() {
        long period = terminal ? 500 : 5000;
        try {
            while (running) {
                Thread.sleep(period);
                if (!running) {
                    return;
                }
                String line = describe(execution.metrics());
                if (terminal) {
                    err.print("\r\033[K" + line);
                } else {
                    err.println(line);
                }
                err.flush();
            }
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(MetricsSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.status()).append(' ').append(String.format(Locale.ROOT, "%.1fs", s.uptimeMillis() / 1000.0));
        if (!s.operators().isEmpty()) {
            OperatorFigures first = s.operators().get(0);
            OperatorFigures last = s.operators().get(s.operators().size() - 1);
            sb.append(" | ").append(first.operatorId()).append(": ").append(count(first.recordsOut()))
                    .append(" out (").append(count((long) first.recordsOutPerSecond())).append("/s)");
            sb.append(" | ").append(last.operatorId()).append(": ").append(count(last.recordsIn()))
                    .append(" in (").append(count((long) last.recordsInPerSecond())).append("/s)");
        }
        return sb.toString();
    }

    static String count(long n) {
        if (n >= 10_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }
}
