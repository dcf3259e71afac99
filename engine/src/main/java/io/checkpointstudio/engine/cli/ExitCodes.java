package io.checkpointstudio.engine.cli;

/** What the CLI's exit codes mean. */
final class ExitCodes {
    static final int OK = 0;
    /** The job ran and failed, or the command could not do its work. */
    static final int FAILED = 1;
    /** The input (job document, options) is invalid; nothing ran. */
    static final int INVALID = 2;
    /** The job was cancelled (Ctrl-C). */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
