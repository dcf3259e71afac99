package io.checkpointstudio.flink.translate;

import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.job.ValidatedJob;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The job's {@code config} as Flink configuration. The document already uses Flink's keys and value syntax,
 * so every entry passes through as written, under the key Flink 2.x prefers (a guide-era key such as
 * {@code state.checkpoints.dir} becomes {@code execution.checkpointing.dir}); a directory written without a
 * scheme becomes an absolute {@code file://} URI, as Flink requires. Checkpoint Studio's own options
 * ({@code checkpoint-studio.*}) are left out.
 */
public final class FlinkConfig {
    private static final String OWN_NAMESPACE = "checkpoint-studio.";

    private FlinkConfig() {
    }

    /** The entries in document order, keyed by Flink 2.x's preferred key, values as strings. */
    public static Map<String, String> entries(ValidatedJob job) {
        Map<String, String> entries = new LinkedHashMap<>();
        job.document().config().forEach((key, value) -> {
            if (value == null || key.startsWith(OWN_NAMESPACE)) {
                return; // Checkpoint Studio's own options mean nothing to Flink
            }
            ConfigOption<?> option = ConfigOptions.find(key).orElse(null);
            String flinkKey = option == null ? key : option.key();
            String text = String.valueOf(value);
            if (option != null && option.type() == ConfigOption.ValueType.PATH) {
                text = uri(text);
            }
            entries.put(flinkKey, text);
        });
        // Without a directory Flink keeps checkpoints in the JobManager's memory (fine for tiny state only); the
        // embedded engine writes to its default folder, and so does the job on Flink.
        if (job.config().checkpointingEnabled() && !entries.containsKey(ConfigOptions.CHECKPOINTS_DIRECTORY.key())) {
            entries.put(ConfigOptions.CHECKPOINTS_DIRECTORY.key(),
                    uri(CheckpointSettings.defaultDirectory().resolve("flink").toString()));
        }
        return entries;
    }

    public static Configuration configuration(ValidatedJob job) {
        return Configuration.fromMap(entries(job));
    }

    /** {@code target/checkpoints} → {@code file:///abs/target/checkpoints}; URIs with a scheme stay as written. */
    static String uri(String path) {
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return path;
        }
        URI uri = Path.of(path).toAbsolutePath().normalize().toUri();
        return uri.toString();
    }
}
