package io.checkpointstudio.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every option has a help text in ui-resources, and every help text belongs to an option. */
class ConfigHelpFilesTest {

    /** Relative to the engine module, which is the working directory of its tests. */
    private static final Path HELP_ROOT = Path.of("../ui-resources/src/main/resources/io/checkpointstudio/help");

    static Stream<ConfigOption<?>> options() {
        return ConfigOptions.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void everyOption_hasAHelpFileStartingWithLabelAndSummary(ConfigOption<?> option) throws IOException {
        Path file = HELP_ROOT.resolve(option.helpKey() + ".md");
        assertThat(file).exists();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines.get(0)).isEqualTo("# " + option.label());
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(2)).isEqualTo(option.summary());
        assertThat(lines.get(3)).as("the summary is one line").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void everyHelpFile_coversTheSameSections(ConfigOption<?> option) throws IOException {
        String text = Files.readString(HELP_ROOT.resolve(option.helpKey() + ".md"), StandardCharsets.UTF_8);

        assertThat(text).contains("`" + option.key() + "`", "## What it does", "## Values", "## Ideal value",
                "## If not set", "## In Checkpoint Studio");
        if (option.deprecatedKeys().isEmpty()) {
            assertThat(text).doesNotContain("## Older name");
        } else {
            assertThat(text).contains("## Older name");
            option.deprecatedKeys().forEach(old -> assertThat(text).contains("`" + old + "`"));
        }
    }

    @Test
    void everyHelpFile_belongsToAnOption() throws IOException {
        try (Stream<Path> files = Files.list(HELP_ROOT.resolve("config"))) {
            List<String> keys = files.map(file -> file.getFileName().toString().replaceFirst("\\.md$", "")).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(
                    ConfigOptions.all().stream().map(ConfigOption::key).toList());
        }
    }
}
