package io.checkpointstudio.engine.config;

import java.util.List;

/** Where operator state lives while the job runs: {@code state.backend.type}. */
public enum StateBackendType implements ConfigEnum {
    HASHMAP("hashmap"),
    ROCKSDB("rocksdb");

    private final String written;

    StateBackendType(String written) {
        this.written = written;
    }

    @Override
    public List<String> spellings() {
        return List.of(written);
    }
}
