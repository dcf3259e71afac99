package io.checkpointstudio.engine.config;

import io.checkpointstudio.engine.job.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code config} object of a job document, read and checked: typed values for the options it
 * sets, Flink's defaults for the others, and the entries exactly as written so that saving the
 * document gives back what was loaded. Immutable.
 */
public final class JobConfig {

    private static final JobConfig EMPTY = parse(Map.of(), new ArrayList<>());

    private final Map<String, Object> raw;
    private final Map<ConfigOption<?>, Object> values;
    private final Map<ConfigOption<?>, String> writtenKeys;
    private final List<Problem> problems;

    private JobConfig(Map<String, Object> raw, Map<ConfigOption<?>, Object> values,
                      Map<ConfigOption<?>, String> writtenKeys, List<Problem> problems) {
        this.raw = raw;
        this.values = values;
        this.writtenKeys = writtenKeys;
        this.problems = problems;
    }

    /** No option set: every option has its default. */
    public static JobConfig empty() {
        return EMPTY;
    }

    /**
     * Reads the document's {@code config} object. Never throws for what a user wrote: each finding is
     * added to {@code problems} (and kept in {@link #problems()}) with the path
     * {@code config.<key as written>}. A value that is wrong is left out, so its option reads as the
     * default; unknown keys stay in {@link #raw()}.
     */
    public static JobConfig parse(Map<String, Object> raw, List<Problem> problems) {
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        Map<ConfigOption<?>, Object> values = new HashMap<>();
        Map<ConfigOption<?>, String> writtenKeys = new HashMap<>();
        List<Problem> found = new ArrayList<>();
        copy.forEach((key, value) -> read(key, value, values, writtenKeys, found));

        JobConfig config = new JobConfig(copy, Map.copyOf(values), Map.copyOf(writtenKeys), List.of());
        found.addAll(ConfigChecks.check(config));
        problems.addAll(found);
        return new JobConfig(copy, config.values, config.writtenKeys, List.copyOf(found));
    }

    private static void read(String key, Object value, Map<ConfigOption<?>, Object> values,
                             Map<ConfigOption<?>, String> writtenKeys, List<Problem> problems) {
        String path = pathOf(key);
        Optional<ConfigOption<?>> found = ConfigOptions.find(key);
        if (found.isEmpty()) {
            problems.add(Problem.error(path, unknownKeyMessage(key)));
            return;
        }
        ConfigOption<?> option = found.get();
        String earlier = writtenKeys.putIfAbsent(option, key);
        if (earlier != null) {
            problems.add(Problem.error(path, "'" + earlier + "' and '" + key + "' are two names of the same option;"
                    + " keep one ('" + option.key() + "' is the Flink 2.x name)"));
            return;
        }
        if (!key.equals(option.key())) {
            problems.add(Problem.warning(path,
                    "'" + key + "' is an older name; Flink 2.x prefers '" + option.key() + "'"));
        }
        try {
            values.put(option, option.parse(value));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(path, e.getMessage()));
        }
    }

    private static String unknownKeyMessage(String key) {
        String message = "unknown option '" + key + "'";
        Optional<String> suggestion = KeySuggestion.nearest(key, ConfigOptions.knownKeys());
        if (suggestion.isEmpty()) {
            return message;
        }
        String suggested = suggestion.get();
        ConfigOption<?> option = ConfigOptions.find(suggested).orElseThrow();
        return message + "; did you mean '" + suggested + "'?"
                + (suggested.equals(option.key()) ? "" : " (Flink 2.x: '" + option.key() + "')");
    }

    static String pathOf(String key) {
        return "config." + key;
    }

    /** The value the job runs with: as set, else Flink's default; null for an unset option without one. */
    public <T> T get(ConfigOption<T> option) {
        return getOptional(option).orElseGet(() -> option.defaultValue().orElse(null));
    }

    /** The value as set in the document (and valid); empty when the option falls back to its default. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return Optional.ofNullable(option.valueClass().cast(values.get(option)));
    }

    /** Whether the document sets the option to a valid value, under any of its names. */
    public boolean isSet(ConfigOption<?> option) {
        return values.containsKey(option);
    }

    /** True when an interval is set and larger than zero. */
    public boolean checkpointingEnabled() {
        return getOptional(ConfigOptions.CHECKPOINTING_INTERVAL).filter(interval -> !interval.isZero()).isPresent();
    }

    /**
     * The restart strategy the job runs with. As in Flink: the one set, else exponential-delay when
     * checkpointing is on and none when it is off.
     */
    public RestartStrategyType effectiveRestartStrategyType() {
        return getOptional(ConfigOptions.RESTART_STRATEGY).orElse(checkpointingEnabled()
                ? RestartStrategyType.EXPONENTIAL_DELAY : RestartStrategyType.NONE);
    }

    /** The key under which the document sets the option, or its preferred key when it does not. */
    public String keyAsWritten(ConfigOption<?> option) {
        return writtenKeys.getOrDefault(option, option.key());
    }

    /** The entries as written, in document order, unknown and invalid ones included. */
    public Map<String, Object> raw() {
        return raw;
    }

    /** What {@link #parse} found, in document order, then the checks between options. */
    public List<Problem> problems() {
        return problems;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /**
     * A copy with one option set from text, as {@code --set KEY=VALUE} gives it. An entry for the same
     * option, under any of its names, is replaced where it stands; otherwise the key is added at the
     * end. Numbers and booleans are stored as JSON numbers and booleans when the option's type and
     * the text agree, so that a saved document looks hand-written.
     */
    public JobConfig withValue(String key, String value) {
        Object json = ConfigOptions.find(key).map(option -> ValueReader.jsonValue(option.type(), value))
                .orElse(value);
        Map<String, Object> copy = new LinkedHashMap<>();
        boolean placed = false;
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            if (!sameOption(entry.getKey(), key)) {
                copy.put(entry.getKey(), entry.getValue());
            } else if (!placed) {
                copy.put(key, json);
                placed = true;
            }
        }
        if (!placed) {
            copy.put(key, json);
        }
        return parse(copy, new ArrayList<>());
    }

    /** A copy without any entry for the option known as {@code key}, so that it reads as its default. */
    public JobConfig withoutValue(String key) {
        Map<String, Object> copy = new LinkedHashMap<>(raw);
        copy.keySet().removeIf(written -> sameOption(written, key));
        return parse(copy, new ArrayList<>());
    }

    private static boolean sameOption(String written, String key) {
        return written.equals(key) || ConfigOptions.find(key).map(option -> option.hasKey(written)).orElse(false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobConfig config && raw.equals(config.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}
