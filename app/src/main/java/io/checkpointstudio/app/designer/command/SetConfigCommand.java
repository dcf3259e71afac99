package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sets configuration values (a null value removes the key, so the default applies). One option from the
 * property panel, or many at once from an imported flink-conf.yaml.
 */
public final class SetConfigCommand extends DocumentCommand {
    private final Map<String, Object> values;
    private final String description;

    public SetConfigCommand(Map<String, Object> values, String description) {
        this.values = new LinkedHashMap<>(values);
        this.description = description;
    }

    public static SetConfigCommand of(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        return new SetConfigCommand(one, value == null ? "Reset " + key : "Set " + key);
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        Map<String, Object> config = new LinkedHashMap<>(doc.config());
        values.forEach((k, v) -> {
            if (v == null) {
                config.remove(k);
            } else {
                config.put(k, v);
            }
        });
        return Objects.equals(config, doc.config()) ? doc : doc.withConfig(config);
    }

    @Override
    public String description() {
        return description;
    }
}
