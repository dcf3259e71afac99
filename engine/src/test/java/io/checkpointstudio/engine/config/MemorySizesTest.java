package io.checkpointstudio.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizesTest {

    static Stream<Arguments> flinkSizes() {
        return Stream.of(
                Arguments.of("20kb", 20L * 1024),
                Arguments.of("1 mb", 1024L * 1024),
                Arguments.of("64m", 64L * 1024 * 1024),
                Arguments.of("1gb", 1024L * 1024 * 1024),
                Arguments.of("1 GB", 1024L * 1024 * 1024),
                Arguments.of("2t", 2L << 40),
                Arguments.of("512", 512L),
                Arguments.of("100 bytes", 100L),
                Arguments.of("7b", 7L),
                Arguments.of("3 mebibytes", 3L << 20),
                Arguments.of("0", 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flinkSizes")
    void parse_readsFlinkSyntax(String text, long bytes) {
        assertThat(MemorySizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "lots", "-1kb", "1.5mb", "5 pb", "kb"})
    void badSizes_saysWhatToWrite(String text) {
        assertThatThrownBy(() -> MemorySizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a memory size; use a number with a unit such as 20kb, 64mb, 1gb");
    }

    @Test
    void hugeSize_isTooLarge() {
        assertThatThrownBy(() -> MemorySizes.parse("9999999999tb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'9999999999tb' is too large for a memory size");
    }

    @Test
    void format_givesTheShortestExactForm() {
        assertThat(MemorySizes.format(20 * 1024)).isEqualTo("20kb");
        assertThat(MemorySizes.format(1024 * 1024)).isEqualTo("1mb");
        assertThat(MemorySizes.format(1536 * 1024)).isEqualTo("1536kb");
        assertThat(MemorySizes.format(1L << 30)).isEqualTo("1gb");
        assertThat(MemorySizes.format(1000)).isEqualTo("1000b");
        assertThat(MemorySizes.format(0)).isEqualTo("0b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flinkSizes")
    void formatThenParse_givesTheSameSize(String ignored, long bytes) {
        assertThat(MemorySizes.parse(MemorySizes.format(bytes))).isEqualTo(bytes);
    }
}
