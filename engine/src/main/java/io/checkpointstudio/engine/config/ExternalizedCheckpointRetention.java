package io.checkpointstudio.engine.config;

import java.util.List;

/** What happens to retained checkpoints when a job is cancelled. */
public enum ExternalizedCheckpointRetention implements ConfigEnum {
    DELETE_ON_CANCELLATION,
    RETAIN_ON_CANCELLATION,
    NO_EXTERNALIZED_CHECKPOINTS;

    @Override
    public List<String> spellings() {
        return List.of(name());
    }
}
