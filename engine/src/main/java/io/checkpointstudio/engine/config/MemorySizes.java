package io.checkpointstudio.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flink's memory size syntax: a whole number and an optional binary unit ({@code 20kb}, {@code 1 mb},
 * {@code 64m}, {@code 1gb}); a number without a unit means bytes. 1kb is 1024 bytes, as in Flink.
 */
public final class MemorySizes {

    private record Unit(long bytes, String written) {
    }

    /** Largest first, so that {@link #format} finds the shortest exact form. */
    private static final List<Unit> UNITS = List.of(
            new Unit(1L << 40, "tb"),
            new Unit(1L << 30, "gb"),
            new Unit(1L << 20, "mb"),
            new Unit(1L << 10, "kb"),
            new Unit(1L, "b"));

    private static final Map<String, Long> LABELS = Map.ofEntries(
            Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("k", 1L << 10), Map.entry("kb", 1L << 10), Map.entry("kibibytes", 1L << 10),
            Map.entry("m", 1L << 20), Map.entry("mb", 1L << 20), Map.entry("mebibytes", 1L << 20),
            Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30), Map.entry("gibibytes", 1L << 30),
            Map.entry("t", 1L << 40), Map.entry("tb", 1L << 40), Map.entry("tebibytes", 1L << 40));

    private MemorySizes() {
    }

    /**
     * Parses {@code text} to a number of bytes; units are case-insensitive and may follow the number
     * after spaces.
     *
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static long parse(String text) {
        String trimmed = text.strip();
        int digits = 0;
        while (digits < trimmed.length() && trimmed.charAt(digits) >= '0' && trimmed.charAt(digits) <= '9') {
            digits++;
        }
        String label = trimmed.substring(digits).strip().toLowerCase(Locale.ROOT);
        Long multiplier = label.isEmpty() ? Long.valueOf(1L) : LABELS.get(label);
        if (digits == 0 || multiplier == null) {
            throw new IllegalArgumentException(notAMemorySize(text));
        }
        try {
            return Math.multiplyExact(Long.parseLong(trimmed.substring(0, digits)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for a memory size");
        }
    }

    /** The shortest exact form in Flink syntax: {@code 20kb}, {@code 1536kb}, {@code 0b}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory size cannot be negative: " + bytes);
        }
        if (bytes == 0) {
            return "0b";
        }
        for (Unit unit : UNITS) {
            if (bytes % unit.bytes() == 0) {
                return bytes / unit.bytes() + unit.written();
            }
        }
        throw new AssertionError("bytes always divide");
    }

    static String notAMemorySize(String text) {
        return "'" + text + "' is not a memory size; use a number with a unit such as 20kb, 64mb, 1gb";
    }
}
