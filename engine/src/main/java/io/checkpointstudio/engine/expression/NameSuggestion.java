package io.checkpointstudio.engine.expression;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the name a person most likely meant when they mistyped one ("did you mean `userId`?"). */
final class NameSuggestion {
    private NameSuggestion() {
    }

    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= tolerance(typed) ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean `x`?)", or empty. */
    static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean `" + c + "`?)").orElse("");
    }

    private static int tolerance(String typed) {
        return typed.length() <= 3 ? 1 : typed.length() <= 7 ? 2 : 3;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
