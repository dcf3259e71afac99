package io.checkpointstudio.engine.config;

import java.util.List;

/** A value of an {@link ConfigOption.ValueType#ENUM} option, written in the job document as Flink spells it. */
public interface ConfigEnum {

    /** Every spelling Flink accepts (matched case-insensitively); the first is the one we write. */
    List<String> spellings();

    default String written() {
        return spellings().get(0);
    }
}
