package io.checkpointstudio.engine.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Flink configuration option the job document's {@code config} object may set: its keys, type,
 * default, limits and the texts the property panel shows. Immutable; every instance lives in
 * {@link ConfigOptions}.
 *
 * @param <T> the Java type of the value: {@link java.time.Duration}, {@link Integer}, {@link Long}
 *            (also for memory sizes, in bytes), {@link Double}, {@link Boolean}, {@link String} (also
 *            for paths) or a {@link ConfigEnum}
 */
public final class ConfigOption<T> {

    /** The sections of the property panel and of the help index. */
    public enum Group {
        CHECKPOINTING("Checkpointing"),
        STATE_BACKEND("State backend"),
        STORAGE("Checkpoint storage"),
        RESTART("Restart strategy"),
        PARALLELISM("Parallelism"),
        RECOVERY("Recovery"),
        EXECUTION("Execution");

        private final String displayName;

        Group(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    /** How a value is written in the document. */
    public enum ValueType {
        DURATION("a duration such as 30s"),
        INTEGER("a whole number such as 2"),
        LONG("a whole number such as 2"),
        DOUBLE("a number such as 1.5"),
        BOOLEAN("true or false"),
        ENUM("one of the listed values"),
        STRING("text"),
        PATH("a path such as file:///tmp/checkpoints"),
        MEMORY_SIZE("a memory size such as 64mb");

        private final String example;

        ValueType(String example) {
            this.example = example;
        }

        /** What a value of this type looks like, for messages: "a duration such as 30s". */
        public String example() {
            return example;
        }
    }

    private final String key;
    private final List<String> deprecatedKeys;
    private final ValueType type;
    private final Class<T> valueClass;
    private final T defaultValue;
    private final T min;
    private final T max;
    private final Group group;
    private final String label;
    private final String summary;

    private ConfigOption(Builder<T> builder) {
        this.key = Objects.requireNonNull(builder.key, "key");
        this.deprecatedKeys = List.copyOf(builder.deprecatedKeys);
        this.type = Objects.requireNonNull(builder.type, "type");
        this.valueClass = Objects.requireNonNull(builder.valueClass, "valueClass");
        this.defaultValue = builder.defaultValue;
        this.min = builder.min;
        this.max = builder.max;
        this.group = Objects.requireNonNull(builder.group, "group of " + key);
        this.label = Objects.requireNonNull(builder.label, "label of " + key);
        this.summary = Objects.requireNonNull(builder.summary, "summary of " + key);
        if (type == ValueType.ENUM && !(valueClass.isEnum() && ConfigEnum.class.isAssignableFrom(valueClass))) {
            throw new IllegalArgumentException(key + ": an ENUM option needs a ConfigEnum enum class");
        }
    }

    static <T> Builder<T> builder(String key, ValueType type, Class<T> valueClass) {
        return new Builder<>(key, type, valueClass);
    }

    /** The key Flink 2.x prefers. */
    public String key() {
        return key;
    }

    /** Older names Flink still accepts, such as {@code state.checkpoints.dir}. */
    public List<String> deprecatedKeys() {
        return deprecatedKeys;
    }

    /** The preferred key, then the deprecated ones. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(deprecatedKeys.size() + 1);
        keys.add(key);
        keys.addAll(deprecatedKeys);
        return List.copyOf(keys);
    }

    public boolean hasKey(String candidate) {
        return key.equals(candidate) || deprecatedKeys.contains(candidate);
    }

    public ValueType type() {
        return type;
    }

    public Class<T> valueClass() {
        return valueClass;
    }

    /** Flink's default; empty where Flink has none ("none" in its docs). */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public Optional<T> min() {
        return Optional.ofNullable(min);
    }

    public Optional<T> max() {
        return Optional.ofNullable(max);
    }

    /** For an ENUM option every accepted spelling, the preferred one of each value first; else empty. */
    public List<String> allowedValues() {
        if (type != ValueType.ENUM) {
            return List.of();
        }
        return Arrays.stream(valueClass.getEnumConstants())
                .flatMap(value -> ((ConfigEnum) value).spellings().stream())
                .toList();
    }

    public Group group() {
        return group;
    }

    /** A short name for the property panel, such as "Checkpoint interval". */
    public String label() {
        return label;
    }

    /** One sentence: what the option does. */
    public String summary() {
        return summary;
    }

    /**
     * Names the help text: the Markdown resource {@code /io/checkpointstudio/help/<helpKey>.md} of
     * the ui-resources module.
     */
    public String helpKey() {
        return "config/" + key;
    }

    /**
     * Reads a value as the job document holds it (a JSON string, number or boolean) and checks its
     * range.
     *
     * @throws IllegalArgumentException with a message that names what is wrong and what is expected
     */
    public T parse(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException(defaultValue == null
                    ? "no value given; remove the key to leave it unset"
                    : "no value given; remove the key to use the default, " + format(defaultValue));
        }
        T value = valueClass.cast(ValueReader.read(type, valueClass, raw));
        if (min != null && compare(value, min) < 0) {
            throw new IllegalArgumentException("must be at least " + format(min) + ", got " + format(value));
        }
        if (max != null && compare(value, max) > 0) {
            throw new IllegalArgumentException("must be at most " + format(max) + ", got " + format(value));
        }
        return value;
    }

    /** Writes a value in Flink syntax: {@code 3min}, {@code 64mb}, {@code EXACTLY_ONCE}, {@code rocksdb}. */
    public String format(T value) {
        return ValueReader.format(type, value);
    }

    /** The default in Flink syntax, or "none". */
    public String formatDefault() {
        return defaultValue == null ? "none" : format(defaultValue);
    }

    @SuppressWarnings("unchecked")
    private int compare(T value, T limit) {
        return ((Comparable<T>) value).compareTo(limit);
    }

    @Override
    public String toString() {
        return key;
    }

    /** Collects the parts of an option; {@link ConfigOptions} is its only user. */
    static final class Builder<T> {
        private final String key;
        private final ValueType type;
        private final Class<T> valueClass;
        private List<String> deprecatedKeys = List.of();
        private T defaultValue;
        private T min;
        private T max;
        private Group group;
        private String label;
        private String summary;

        private Builder(String key, ValueType type, Class<T> valueClass) {
            this.key = key;
            this.type = type;
            this.valueClass = valueClass;
        }

        Builder<T> deprecatedKeys(String... keys) {
            this.deprecatedKeys = List.of(keys);
            return this;
        }

        Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        Builder<T> min(T value) {
            this.min = value;
            return this;
        }

        Builder<T> max(T value) {
            this.max = value;
            return this;
        }

        ConfigOption<T> describe(Group group, String label, String summary) {
            this.group = group;
            this.label = label;
            this.summary = summary;
            return new ConfigOption<>(this);
        }
    }
}
