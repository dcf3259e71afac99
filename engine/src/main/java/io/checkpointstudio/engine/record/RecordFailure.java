package io.checkpointstudio.engine.record;

/**
 * Marks a failure caused by the records a task processed (a null key, an expression that fails on a value,
 * an input line that does not parse). Restored from a checkpoint, the job reads the same records again and
 * fails the same way, so restarting cannot help until the job or its input changes.
 */
public interface RecordFailure {
}
