package io.checkpointstudio.engine.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the known key an unknown one was probably meant to be: first by edit distance over whole
 * keys ({@code execution.checkpointing.intervall}), then by a prefix that names one key
 * ({@code parallelism}), then by edit distance over the last key segment, for keys whose prefix is
 * wrong or missing ({@code checkpointing.interval}).
 */
final class KeySuggestion {

    private KeySuggestion() {
    }

    static Optional<String> nearest(String typed, Collection<String> known) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        Comparator<String> byWholeDistance = Comparator.comparingInt(key -> distance(wanted, lower(key)));
        Optional<String> whole = known.stream()
                .filter(key -> distance(wanted, lower(key)) <= tolerance(wanted.length(), 3))
                .min(byWholeDistance.thenComparing(Comparator.naturalOrder()));
        if (whole.isPresent()) {
            return whole;
        }
        // "parallelism" for parallelism.default; only when the prefix names a single key
        List<String> extensions = known.stream().filter(key -> lower(key).startsWith(wanted + ".")).toList();
        if (extensions.size() == 1) {
            return Optional.of(extensions.get(0));
        }
        String segment = lastSegment(wanted);
        Set<String> prefixSegments = prefixSegments(wanted);
        return known.stream()
                .filter(key -> distance(segment, lastSegment(lower(key))) <= tolerance(segment.length(), 2))
                // a bare "interval" may mean any key ending so; "high-availability.type" means no key of ours
                .filter(key -> prefixSegments.isEmpty()
                        || prefixSegments.stream().anyMatch(prefixSegments(lower(key))::contains))
                .min(Comparator.<String>comparingInt(key -> distance(segment, lastSegment(lower(key))))
                        .thenComparing(byWholeDistance)
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** A quarter of the length, at least 1 and at most {@code cap}: short words need a closer match. */
    private static int tolerance(int length, int cap) {
        return Math.max(1, Math.min(cap, length / 4));
    }

    private static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static Set<String> prefixSegments(String key) {
        int lastDot = key.lastIndexOf('.');
        if (lastDot < 0) {
            return Set.of();
        }
        return Arrays.stream(key.substring(0, lastDot).split("\\.")).collect(Collectors.toSet());
    }

    private static int distance(String a, String b) {
        return io.checkpointstudio.engine.job.Suggestions.distance(a, b);
    }
}
