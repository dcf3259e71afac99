package io.checkpointstudio.app.session;

/**
 * Something the monitor views can show: a {@link LiveRun} in this process, or a recorded run replayed at
 * a chosen instant. {@link #snapshot()} is cheap and never blocks; it is called on the JavaFX thread about
 * ten times a second.
 */
public interface RunSource {
    /** The run as it is now (a live run) or as it was at the chosen instant (a recording). */
    RunSnapshot snapshot();

    String jobName();

    /** Where the run happens or happened, for the status bar: "" for a run of this window's engine. */
    default String origin() {
        return "";
    }

    /** True when the run is in this process and accepts commands (cancel, savepoint, fault injection). */
    default boolean live() {
        return false;
    }
}
