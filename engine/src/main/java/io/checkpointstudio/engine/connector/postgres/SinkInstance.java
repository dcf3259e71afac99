package io.checkpointstudio.engine.connector.postgres;

/**
 * One exactly-once postgres-sink subtask of one run: the key of its commit bookkeeping. {@code runId} is the
 * id of the run that wrote the rows (recorded in its checkpoints, so a restore finds it), {@code table} the
 * table as the job names it. Two jobs never share an instance, whatever their names.
 */
record SinkInstance(String runId, String table, String operatorId, int subtask) {
}
