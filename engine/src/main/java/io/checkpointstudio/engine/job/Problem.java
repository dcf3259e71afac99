package io.checkpointstudio.engine.job;

import java.util.Objects;

/**
 * One finding of validation: where it is (a JSON path into the job document, such as
 * {@code operators[2].params.condition} or {@code config.execution.checkpointing.interval}), how bad,
 * and a message a person can act on.
 */
public record Problem(Severity severity, String path, String message, String operatorId) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String path, String message) {
        return new Problem(Severity.ERROR, path, message, null);
    }

    public static Problem warning(String path, String message) {
        return new Problem(Severity.WARNING, path, message, null);
    }

    public Problem forOperator(String id) {
        return new Problem(severity, path, message, id);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form the CLI prints: {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
