package io.checkpointstudio.app.files;

import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Flink {@code flink-conf.yaml} (flat {@code key: value} lines) or {@code config.yaml} (nested maps,
 * flattened to dotted keys) into job configuration values, and writes one back. Keys the studio does not
 * know are reported, not imported. Values are typed as the option expects (numbers, booleans), and the key
 * is kept as written, so the guide's older names stay.
 */
public final class FlinkConf {

    /** What an import found. */
    public record Import(Map<String, Object> values, List<String> unknownKeys, List<String> problems) {
    }

    private FlinkConf() {
    }

    public static Import parse(String yaml) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> prefixes = new ArrayDeque<>();
        String[] lines = yaml.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String raw = stripComment(lines[n]);
            if (raw.isBlank() || raw.strip().equals("---")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            String line = raw.strip();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                prefixes.pop();
            }
            if (line.startsWith("- ")) {
                problems.add("line " + (n + 1) + ": lists are not configuration values the studio reads; skipped");
                continue;
            }
            int colon = keyColon(line);
            if (colon < 0) {
                problems.add("line " + (n + 1) + ": '" + line + "' is not 'key: value'; skipped");
                continue;
            }
            String key = unquote(line.substring(0, colon).strip());
            String value = line.substring(colon + 1).strip();
            String full = prefixes.isEmpty() ? key : prefixes.peek() + "." + key;
            if (value.isEmpty()) {
                indents.push(new int[] {indent});
                prefixes.push(full);
                continue;
            }
            Optional<ConfigOption<?>> option = ConfigOptions.find(full);
            if (option.isEmpty()) {
                unknown.add(full);
                continue;
            }
            values.put(full, typed(option.get(), unquote(value)));
        }
        return new Import(values, unknown, problems);
    }

    /** The job's configuration as flat {@code key: value} lines, the form both Flink files accept. */
    public static String write(Map<String, Object> config, String jobName) {
        StringBuilder sb = new StringBuilder("# Flink configuration exported by Checkpoint Studio from job '" + jobName + "'\n");
        config.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static Object typed(ConfigOption<?> option, String value) {
        try {
            return switch (option.type()) {
                case INTEGER -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? Boolean.parseBoolean(value) : value;
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value; // validation says what is wrong with it, under the field
        }
    }

    private static int keyColon(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (c == ':' && !quoted && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
