package io.checkpointstudio.app.compare;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a comparison: a label and the settings it changes in the job, as {@code key=value} pairs. A
 * key is a configuration key ({@code execution.checkpointing.mode}) or, when the text before its first dot
 * is an operator id of the job, an operator parameter ({@code out.semantic}).
 */
public record RunVariant(String label, Map<String, String> settings) {

    public RunVariant {
        settings = Map.copyOf(new LinkedHashMap<>(settings));
    }

    /** Reads {@code key=value} lines; blank lines and lines starting with {@code #} are skipped. */
    public static RunVariant parse(String label, String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + line + "' is not key=value");
            }
            settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new RunVariant(label, new LinkedHashMap<>(settings));
    }

    /** The settings as lines of {@code key=value}, sorted by key. */
    public String text() {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(settings).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** The job with this side's settings applied. */
    public JobDocument applyTo(JobDocument job) {
        JobDocument doc = job;
        for (var e : new java.util.TreeMap<>(settings).entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            OperatorSpec op = dot > 0 ? doc.operator(key.substring(0, dot)).orElse(null) : null;
            if (op != null) {
                doc = doc.withOperator(op.withParam(key.substring(dot + 1), value(e.getValue())));
            } else {
                doc = doc.withConfigValue(key, value(e.getValue()));
            }
        }
        return doc;
    }

    /** {@code true}/{@code false} and whole numbers as such; anything else (30s, EXACTLY_ONCE) as text. */
    static Object value(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        return text;
    }
}
