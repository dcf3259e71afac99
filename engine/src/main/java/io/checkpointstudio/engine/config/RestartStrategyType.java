package io.checkpointstudio.engine.config;

import java.util.List;

/** How a failed job is restarted: {@code restart-strategy.type}, with the aliases Flink accepts. */
public enum RestartStrategyType implements ConfigEnum {
    NONE("none", "off", "disable"),
    FIXED_DELAY("fixed-delay", "fixeddelay"),
    FAILURE_RATE("failure-rate", "failurerate"),
    EXPONENTIAL_DELAY("exponential-delay", "exponentialdelay");

    private final List<String> spellings;

    RestartStrategyType(String... spellings) {
        this.spellings = List.of(spellings);
    }

    @Override
    public List<String> spellings() {
        return spellings;
    }
}
