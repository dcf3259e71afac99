package io.checkpointstudio.flink.translate;

/** A job that cannot be turned into a Flink job as it is; the message names the operator and why. */
public final class FlinkTranslationException extends Exception {
    private static final long serialVersionUID = 1L;

    public FlinkTranslationException(String message) {
        super(message);
    }
}
