package io.checkpointstudio.engine.config;

import java.util.List;

/** The guarantee a checkpoint gives: {@code execution.checkpointing.mode}. */
public enum CheckpointingMode implements ConfigEnum {
    /** Barriers are aligned (or overtake data, when unaligned), so every record counts once in the state. */
    EXACTLY_ONCE,
    /** Barriers are not aligned; after a recovery some records may count twice. */
    AT_LEAST_ONCE;

    @Override
    public List<String> spellings() {
        return List.of(name());
    }
}
