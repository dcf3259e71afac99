package io.checkpointstudio.app.properties;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Markdown help texts of ui-resources, by help key ({@code config/<key>}, {@code operators/<type>}). */
public final class HelpTexts {
    private static final ConcurrentHashMap<String, Optional<String>> CACHE = new ConcurrentHashMap<>();

    private HelpTexts() {
    }

    /** The text, or empty when it has not been written yet. */
    public static Optional<String> find(String helpKey) {
        return CACHE.computeIfAbsent(helpKey, HelpTexts::load);
    }

    private static Optional<String> load(String helpKey) {
        try (InputStream in = HelpTexts.class.getResourceAsStream("/io/checkpointstudio/help/" + helpKey + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
