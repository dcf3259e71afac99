package io.checkpointstudio.engine.monitor;

/** The life cycle of a job run, with Flink's names. */
public enum JobStatus {
    CREATED, RUNNING, RESTARTING, CANCELLING, CANCELED, FAILING, FAILED, FINISHED;

    public boolean isTerminal() {
        return this == CANCELED || this == FAILED || this == FINISHED;
    }
}
