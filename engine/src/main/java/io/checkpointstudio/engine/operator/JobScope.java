package io.checkpointstudio.engine.operator;

import java.util.function.Supplier;

/**
 * Objects that live as long as the job runs in this process, across restarts, and are never
 * checkpointed — like a static field in a Flink sink. A non-transactional sink keeps what it has seen
 * here, so that records replayed after a restore show up as duplicates, as they would in an external system.
 */
public interface JobScope {
    <T> T getOrCreate(String key, Supplier<T> factory);
}
