package io.checkpointstudio.engine.connector.postgres;

/**
 * Opens PostgresSink's package-private test hooks to tests in other packages (the end-to-end tests), so
 * the hooks themselves stay out of the public API.
 */
public final class PostgresSinkTestHooks {
    private PostgresSinkTestHooks() {
    }

    /** The next commit into {@code table} fails after its checkpoint completed, before anything is written. */
    public static void failBeforeNextCommitOf(String table) {
        PostgresSink.failBeforeCommitOfTable = table;
    }

    /** Whether the armed failure is still waiting (false once it fired or when none was armed). */
    public static boolean commitFailureArmed() {
        return PostgresSink.failBeforeCommitOfTable != null;
    }

    public static void disarm() {
        PostgresSink.failBeforeCommitOfTable = null;
    }

    /** How many times a restore committed rows of a completed checkpoint that had not been committed yet. */
    public static long commitsAtRestore() {
        return PostgresSink.COMMITS_AT_RESTORE.get();
    }

    public static String commitsTable() {
        return PostgresSink.COMMITS_TABLE;
    }
}
